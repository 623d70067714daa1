package click.devices;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test library: where the repository's router configurations are (its conf/ directory). */
final class Configs {
    private Configs() {
    }

    /** conf/: tests run in the module directory, or at the repository's top. */
    static Path dir() {
        Path p = Path.of("..", "conf");
        return Files.isDirectory(p) ? p : Path.of("conf");
    }

    /** The configuration file {@code name} in conf/. */
    static Path file(String name) {
        return dir().resolve(name);
    }
}
