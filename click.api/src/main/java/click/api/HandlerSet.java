package click.api;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The handlers of one element (or of the router itself), in declaration order. Both the runtime
 * and the test harness collect handlers into one of these.
 */
public final class HandlerSet implements HandlerRegistry {
    /** One named handler; either side may be null. */
    public record Handler(String name, ReadHandler reader, WriteHandler writer, String description) {
        public boolean readable() {
            return reader != null;
        }

        public boolean writable() {
            return writer != null;
        }

        /** "r", "w" or "rw". */
        public String mode() {
            return (reader != null ? "r" : "") + (writer != null ? "w" : "");
        }
    }

    private final Map<String, Handler> handlers = new LinkedHashMap<>();
    private final Map<String, ParamReadHandler> paramReaders = new LinkedHashMap<>();

    @Override
    public HandlerSet read(String name, ReadHandler reader) {
        paramReaders.remove(name);
        Handler old = handlers.get(name);
        handlers.put(name, new Handler(name, reader, old == null ? null : old.writer(), old == null ? "" : old.description()));
        return this;
    }

    @Override
    public HandlerSet write(String name, WriteHandler writer) {
        Handler old = handlers.get(name);
        handlers.put(name, new Handler(name, old == null ? null : old.reader(), writer, old == null ? "" : old.description()));
        return this;
    }

    @Override
    public HandlerSet readWrite(String name, ReadHandler reader, WriteHandler writer) {
        paramReaders.remove(name);
        Handler old = handlers.get(name);
        handlers.put(name, new Handler(name, reader, writer, old == null ? "" : old.description()));
        return this;
    }

    /**
     * Registers {@code reader} as a parameterised read handler; it also appears in {@link #all()} as
     * a plain read handler (called with the empty parameter).
     */
    @Override
    public HandlerSet readParam(String name, ParamReadHandler reader) {
        read(name, () -> reader.read(""));
        paramReaders.put(name, reader);
        return this;
    }

    /** Whether handler {@code name} takes a parameter when read. */
    public boolean takesParameter(String name) {
        return paramReaders.containsKey(name);
    }

    @Override
    public HandlerSet describe(String name, String description) {
        Handler old = handlers.get(name);
        if (old == null) {
            throw new IllegalArgumentException("no handler " + name + " to describe");
        }
        handlers.put(name, new Handler(name, old.reader(), old.writer(), description));
        return this;
    }

    public Handler get(String name) {
        return handlers.get(name);
    }

    public Collection<Handler> all() {
        return Collections.unmodifiableCollection(handlers.values());
    }

    /** Reads handler {@code name}; {@code owner} names the element in error messages. */
    public String readValue(String owner, String name) throws HandlerException {
        Handler h = handlers.get(name);
        if (h == null) {
            throw new HandlerException("no handler '" + name + "' on " + owner);
        }
        if (h.reader() == null) {
            throw new HandlerException("handler '" + owner + "." + name + "' is write-only");
        }
        return h.reader().read();
    }

    /**
     * Reads handler {@code name} with parameter {@code param}; an empty or null parameter reads it
     * plainly. A handler that takes no parameter refuses a non-empty one.
     */
    public String readValue(String owner, String name, String param) throws HandlerException {
        if (param == null || param.isEmpty()) {
            return readValue(owner, name);
        }
        ParamReadHandler r = paramReaders.get(name);
        if (r == null) {
            readValue(owner, name); // reports a missing or write-only handler first
            throw new HandlerException("handler '" + owner + "." + name + "' takes no parameter");
        }
        return r.read(param);
    }

    /** Writes handler {@code name}; {@code owner} names the element in error messages. */
    public void writeValue(String owner, String name, String value) throws HandlerException {
        Handler h = handlers.get(name);
        if (h == null) {
            throw new HandlerException("no handler '" + name + "' on " + owner);
        }
        if (h.writer() == null) {
            throw new HandlerException("handler '" + owner + "." + name + "' is read-only");
        }
        h.writer().write(value == null ? "" : value);
    }
}
