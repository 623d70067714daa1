package click.api;

/**
 * Reads and writes handlers of a router by name, as scripts (DriverManager, Script) do. Names are
 * {@code ELEMENT.HANDLER}, or {@code HANDLER} for the router's own handlers.
 */
public interface HandlerAccess {
    String read(String name) throws HandlerException;

    void write(String name, String value) throws HandlerException;

    /** Whether a handler with that name exists (readable or writable). */
    boolean exists(String name);
}
