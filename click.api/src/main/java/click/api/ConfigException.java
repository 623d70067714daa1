package click.api;

import java.util.List;

/**
 * An element's configuration or initialisation is wrong. Carries one or more messages written for
 * the user ("expected a positive integer for CAPACITY, got \"x\""); the router adds the file, line,
 * column and element name. Never a stack trace for a user's mistake.
 */
public class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> messages;

    public ConfigException(String message) {
        super(message);
        this.messages = List.of(message);
    }

    public ConfigException(List<String> messages) {
        super(String.join("; ", messages));
        this.messages = List.copyOf(messages);
    }

    /** Every message, one per problem. */
    public List<String> messages() {
        return messages;
    }
}
