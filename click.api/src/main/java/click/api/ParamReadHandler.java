package click.api;

/**
 * The body of a read handler that takes a parameter, as Click's {@code lookup} on route tables:
 * reading {@code rt.lookup 192.0.2.7} passes {@code "192.0.2.7"}. Reading it without a parameter
 * passes the empty string.
 */
@FunctionalInterface
public interface ParamReadHandler {
    String read(String param) throws HandlerException;
}
