package click.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import click.api.Element;
import click.api.ElementFactory;
import click.api.ElementInfo;
import click.runtime.ElementRegistry;
import click.runtime.Router;
import click.runtime.RouterBuilder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassCheckTest {
    /** A sink with nothing to do: the class the router is built with. */
    @ElementInfo(name = "Sink", ports = "1/0", processing = "a/")
    public static final class Sink extends Element {
    }

    /** The same Click class from other code, as after its bundle was updated. */
    @ElementInfo(name = "Sink", ports = "1/0", processing = "a/")
    public static final class NewSink extends Element {
    }

    @ElementInfo(name = "Source", ports = "0/1", processing = "/a")
    public static final class Source extends Element {
    }

    private static final List<ElementFactory> SOURCE = ElementFactory.of(Source.class, Source::new);
    private static final List<ElementFactory> SINK = ElementFactory.of(Sink.class, Sink::new);
    private static final List<ElementFactory> NEW_SINK = ElementFactory.of(NewSink.class, NewSink::new);

    private final ElementRegistry registry = new ElementRegistry();

    private Router router() throws Exception {
        SOURCE.forEach(registry::add);
        SINK.forEach(registry::add);
        return RouterBuilder.fromText("Source -> Sink;", "check.click").registry(registry).build();
    }

    @Test
    void nothingToDoWhileTheRegisteredClassesMadeTheRouter() throws Exception {
        assertEquals(new ClassCheck(Set.of(), Set.of()), ClassCheck.of(router(), registry));
    }

    @Test
    void aClassNowMadeByOtherCodeIsReplaced() throws Exception {
        Router r = router();
        NEW_SINK.forEach(registry::add);
        assertEquals(new ClassCheck(Set.of(), Set.of("Sink")), ClassCheck.of(r, registry));
    }

    @Test
    void aClassNoFactoryProvidesIsMissingAndTheEarlierProviderComingBackIsNoChange() throws Exception {
        Router r = router();
        SINK.forEach(registry::remove);
        assertEquals(new ClassCheck(Set.of("Sink"), Set.of()), ClassCheck.of(r, registry));
        SINK.forEach(registry::add);
        assertEquals(new ClassCheck(Set.of(), Set.of()), ClassCheck.of(r, registry));
    }
}
