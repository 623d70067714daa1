package click.api;

/**
 * Reads and writes handlers of a router by name, as scripts (DriverManager, Script) do. Names are
 * {@code ELEMENT.HANDLER}, or {@code HANDLER} for the router's own handlers.
 */
public interface HandlerAccess {
    String read(String name) throws HandlerException;

    void write(String name, String value) throws HandlerException;

    /**
     * Reads a handler with a parameter ({@link ParamReadHandler}); a plain read handler ignores an
     * empty parameter and refuses any other. The default refuses parameters altogether.
     */
    default String read(String name, String param) throws HandlerException {
        if (param == null || param.isEmpty()) {
            return read(name);
        }
        throw new HandlerException("handler '" + name + "' takes no parameter");
    }

    /** Whether a handler with that name exists (readable or writable). */
    boolean exists(String name);
}
