package click.scheduler;

import click.api.Element;
import click.api.Input;
import click.api.Location;
import click.api.Output;

/** Named elements to own tests' tasks and timers. */
final class Elements {
    private Elements() {
    }

    /** An element that does nothing itself; its class name in reports is {@code TestElement}. */
    static final class TestElement extends Element {
    }

    static Element named(String name) {
        Element e = new TestElement();
        e.attach(name, Location.UNKNOWN, "", null, new Input[0], new Output[0]);
        return e;
    }
}
