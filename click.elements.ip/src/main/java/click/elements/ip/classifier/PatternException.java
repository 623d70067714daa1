package click.elements.ip.classifier;

/** A pattern is not valid; the message says what was expected and what was found. */
public final class PatternException extends Exception {
    private static final long serialVersionUID = 1L;

    public PatternException(String message) {
        super(message);
    }
}
