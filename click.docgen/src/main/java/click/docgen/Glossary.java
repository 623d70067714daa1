package click.docgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects the manual pages of every module ({@code MODULE/target/classes/META-INF/click/doc/*.md})
 * into one glossary file, grouped by bundle, with an index.
 * Usage: {@code java click.docgen.Glossary OUTPUT.md REPOSITORY_ROOT}.
 */
public final class Glossary {
    private Glossary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Glossary OUTPUT.md REPOSITORY_ROOT");
            System.exit(2);
        }
        Files.writeString(Path.of(args[0]), build(Path.of(args[1])), StandardCharsets.UTF_8);
    }

    static String build(Path root) throws IOException {
        Map<String, Map<String, String>> byBundle = new TreeMap<>();
        try (var dirs = Files.list(root)) {
            for (Path module : (Iterable<Path>) dirs.sorted()::iterator) {
                Path docs = module.resolve("target/classes/" + ElementDocProcessor.DIR);
                Path index = docs.resolve("index.txt");
                if (!Files.isRegularFile(index)) {
                    continue;
                }
                Map<String, String> pages = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                for (String name : Files.readAllLines(index, StandardCharsets.UTF_8)) {
                    if (!name.isBlank()) {
                        pages.put(name, Files.readString(docs.resolve(name + ".md"), StandardCharsets.UTF_8));
                    }
                }
                byBundle.put(module.getFileName().toString(), pages);
            }
        }
        StringBuilder sb = new StringBuilder("# jclick element glossary\n\n");
        sb.append("Generated from the element classes' documentation by `click.docgen` "
                + "(`bin/click-glossary`); do not edit by hand. Each bundle also carries its pages as "
                + "`META-INF/click/doc/NAME.md`.\n\n");
        for (Map.Entry<String, Map<String, String>> b : byBundle.entrySet()) {
            sb.append("- **").append(b.getKey()).append("**: ");
            List<String> links = new ArrayList<>();
            for (String name : b.getValue().keySet()) {
                links.add("[" + name + "](#" + name.toLowerCase(java.util.Locale.ROOT) + ")");
            }
            sb.append(String.join(", ", links)).append('\n');
        }
        for (Map.Entry<String, Map<String, String>> b : byBundle.entrySet()) {
            sb.append("\n---\n\n<!-- bundle ").append(b.getKey()).append(" -->\n");
            for (String page : b.getValue().values()) {
                // one heading level down, so each element is a section of the glossary
                sb.append('\n').append(page.replaceAll("(?m)^(#+) ", "#$1 "));
            }
        }
        return sb.toString();
    }
}
