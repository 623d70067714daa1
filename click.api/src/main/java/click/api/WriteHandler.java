package click.api;

/** The body of a write handler: acts on the text written (empty for action handlers like reset). */
@FunctionalInterface
public interface WriteHandler {
    void write(String value) throws HandlerException;
}
