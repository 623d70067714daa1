package click.api;

/**
 * Where an element declares its handlers, in {@link Element#addHandlers}: named read and write
 * access to its state, used by the shell, the command line ({@code -h}), scripts and tests alike.
 * <pre>{@code
 *   h.read("count", () -> Long.toString(count))
 *    .write("reset", v -> reset())
 *    .readWrite("capacity", () -> Integer.toString(capacity), this::setCapacity);
 * }</pre>
 */
public interface HandlerRegistry {
    HandlerRegistry read(String name, ReadHandler reader);

    HandlerRegistry write(String name, WriteHandler writer);

    HandlerRegistry readWrite(String name, ReadHandler reader, WriteHandler writer);

    /**
     * A read handler that takes a parameter ({@code rt.lookup 192.0.2.7}). Registries without
     * parameter support fall back to a plain read handler called with the empty parameter.
     */
    default HandlerRegistry readParam(String name, ParamReadHandler reader) {
        return read(name, () -> reader.read(""));
    }

    /** Attaches a one-line description to an already declared handler (shown by the shell). */
    HandlerRegistry describe(String name, String description);
}
