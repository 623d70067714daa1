package click.runtime;

import click.api.ErrorReport;

/**
 * A configuration could not be turned into a router. The message lists every diagnostic, one per
 * line ({@code router.click:12:5: error: q :: Queue: ...}); {@link #report()} has them as data.
 */
public final class ConfigurationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ErrorReport report;

    public ConfigurationException(ErrorReport report) {
        super(report.toString().stripTrailing());
        this.report = report;
    }

    public ErrorReport report() {
        return report;
    }
}
