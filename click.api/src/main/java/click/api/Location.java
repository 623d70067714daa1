package click.api;

/** A place in a configuration text: file name, 1-based line and column. */
public record Location(String file, int line, int column) {
    /** For elements not written in any file (made by tests or by the router itself). */
    public static final Location UNKNOWN = new Location("<unknown>", 0, 0);

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
