package click.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects every problem found while checking a configuration, instead of stopping at the first, so
 * a user can fix them all in one go.
 *
 * <p>Thread ownership: one thread (the one building a router).
 */
public final class ErrorReport {
    private final List<Diagnostic> items = new ArrayList<>();
    private int errors;

    public void error(Location at, String subject, String message) {
        items.add(new Diagnostic(Diagnostic.Severity.ERROR, at, subject, message));
        errors++;
    }

    public void warning(Location at, String subject, String message) {
        items.add(new Diagnostic(Diagnostic.Severity.WARNING, at, subject, message));
    }

    public boolean hasErrors() {
        return errors > 0;
    }

    public int errorCount() {
        return errors;
    }

    public List<Diagnostic> diagnostics() {
        return Collections.unmodifiableList(items);
    }

    /** Adds everything from {@code other}. */
    public void addAll(ErrorReport other) {
        for (Diagnostic d : other.items) {
            items.add(d);
            if (d.severity() == Diagnostic.Severity.ERROR) {
                errors++;
            }
        }
    }

    /** One diagnostic per line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : items) {
            sb.append(d).append('\n');
        }
        return sb.toString();
    }
}
