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
        return f;
    }
}
