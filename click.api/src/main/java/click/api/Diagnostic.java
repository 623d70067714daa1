package click.api;

/**
 * One error or warning about a configuration, printed the way compilers print them:
 * {@code router.click:12:5: error: q :: Queue: expected a positive integer for CAPACITY, got "x"}.
 *
 * @param subject the element ({@code "name :: Class"}) or construct concerned, or empty
 */
public record Diagnostic(Severity severity, Location location, String subject, String message) {
    public enum Severity { ERROR, WARNING }

    @Override
    public String toString() {
        String where = location == null ? "" : location + ": ";
        String what = subject == null || subject.isEmpty() ? "" : subject + ": ";
        return where + (severity == Severity.ERROR ? "error: " : "warning: ") + what + message;
    }
}
