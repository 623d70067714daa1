package click.api;

/** The body of a read handler: returns the handler's current value as text. */
@FunctionalInterface
public interface ReadHandler {
    String read() throws HandlerException;
}
