package click.elements.nat;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.HandlerException;
import click.testing.ElementHarness;

final class HandlerAssert {
    private HandlerAssert() {
    }

    /** Writing {@code value} to {@code handler} fails with a message containing {@code expected}. */
    static void fails(ElementHarness<?> h, String handler, String value, String expected) {
        HandlerException e = assertThrows(HandlerException.class, () -> h.write(handler, value));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
