package click.docgen;

import java.util.List;

/** Renders one element's manual page: a fact line from {@code @ElementInfo}, then the converted Javadoc. */
final class ElementPage {
    private ElementPage() {
    }

    static String render(String name, String javaClass, String ports, String processing, String category,
                         List<String> aliases, String body) {
        StringBuilder sb = new StringBuilder();
        String text = body.strip();
        // The doc usually opens with "## Name"; the page title replaces it.
        if (text.startsWith("## " + name)) {
            text = text.substring(3 + name.length()).strip();
        }
        sb.append("# ").append(name).append("\n\n");
        sb.append("| ports | processing | category | Java class |\n| --- | --- | --- | --- |\n");
        sb.append("| `").append(ports).append("` | `").append(processing).append("` | ")
          .append(category.isEmpty() ? "-" : category).append(" | `").append(javaClass).append("` |\n\n");
        if (!aliases.isEmpty()) {
            sb.append("Also known as: ").append(String.join(", ", aliases)).append(".\n\n");
        }
        sb.append(text).append('\n');
        return sb.toString();
    }
}
