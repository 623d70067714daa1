package click.api;

/** A handler call failed for a reason the user should read (bad value, unknown key, ...). */
public class HandlerException extends Exception {
    private static final long serialVersionUID = 1L;

    public HandlerException(String message) {
        super(message);
    }

    public HandlerException(String message, Throwable cause) {
        super(message, cause);
    }
}
