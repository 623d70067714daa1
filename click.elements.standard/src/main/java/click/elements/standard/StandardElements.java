package click.elements.standard;

import click.api.ElementFactory;
import click.api.ElementProvider;
import java.util.ArrayList;
import java.util.List;

/** The element classes of the standard bundle. */
public final class StandardElements implements ElementProvider {
    @Override
    public List<ElementFactory> elementFactories() {
        List<ElementFactory> f = new ArrayList<>();
        f.addAll(ElementFactory.of(Discard.class, Discard::new));
        f.addAll(ElementFactory.of(Counter.class, Counter::new));
        f.addAll(ElementFactory.of(InfiniteSource.class, InfiniteSource::new));
        f.addAll(ElementFactory.of(RatedSource.class, RatedSource::new));
        f.addAll(ElementFactory.of(Queue.class, Queue::new));
        f.addAll(ElementFactory.of(SimpleQueue.class, SimpleQueue::new));
        f.addAll(ElementFactory.of(Unqueue.class, Unqueue::new));
        f.addAll(ElementFactory.of(Tee.class, Tee::new));
        f.addAll(ElementFactory.of(PaintTee.class, PaintTee::new));
        f.addAll(ElementFactory.of(Paint.class, Paint::new));
        f.addAll(ElementFactory.of(Strip.class, Strip::new));
        f.addAll(ElementFactory.of(Unstrip.class, Unstrip::new));
        f.addAll(ElementFactory.of(HashSwitch.class, HashSwitch::new));
        f.addAll(ElementFactory.of(Switch.class, Switch::new));
        f.addAll(ElementFactory.of(RoundRobinSwitch.class, RoundRobinSwitch::new));
        f.addAll(ElementFactory.of(PrioSched.class, PrioSched::new));
        f.addAll(ElementFactory.of(RoundRobinSched.class, RoundRobinSched::new));
        f.addAll(ElementFactory.of(Null.class, Null::new));
        f.addAll(ElementFactory.of(Idle.class, Idle::new));
        f.addAll(ElementFactory.of(Print.class, Print::new));
        f.addAll(ElementFactory.of(StoreData.class, StoreData::new));
        f.addAll(ElementFactory.of(Classifier.class, Classifier::new));
        f.addAll(ElementFactory.of(StaticThreadSched.class, StaticThreadSched::new));
        f.addAll(ElementFactory.of(Script.class, Script::new));
        f.addAll(ElementFactory.of(DriverManager.class, DriverManager::new));
        f.addAll(ElementFactory.of(FromDump.class, FromDump::new));
        f.addAll(ElementFactory.of(ToDump.class, ToDump::new));
        return f;
    }
}
