package click.docgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JavadocMarkdownTest {
    @Test
    void convertsHeadingsBoldDefinitionListsAndInlineCode() {
        String doc = " <h2>Queue</h2>\n <b>Synopsis:</b> {@code Queue([CAPACITY])}\n <p>Stores packets\n in a FIFO.\n"
                + " <dl>\n <dt>CAPACITY</dt><dd>integer, default 1000.</dd>\n </dl>\n";
        String md = JavadocMarkdown.convert(doc);
        assertEquals("## Queue\n\n**Synopsis:** `Queue([CAPACITY])`\n\nStores packets in a FIFO.\n\n"
                + "- **CAPACITY**: integer, default 1000.\n", md);
    }

    @Test
    void keepsPreBlocksAsFencedCodeWithEntitiesDecoded() {
        String md = JavadocMarkdown.convert("Example:\n <pre>{@code\n   a -> b;\n   x &lt; y\n }</pre>\n");
        assertTrue(md.contains("```\na -> b;\nx < y\n```"), md);
    }

    @Test
    void linksBecomeCodeAndBlockTagsDisappear() {
        String md = JavadocMarkdown.convert("See {@link Packet#kill()}.\n @see Other");
        assertEquals("See `Packet.kill()`.\n", md);
    }

    @Test
    void pageStartsWithTheFactTable() {
        String page = ElementPage.render("Queue", "x.Queue", "1/1", "h/l", "storage", List.of("SimpleQ"), "## Queue\n\nBody.\n");
        assertTrue(page.startsWith("# Queue\n\n| ports |"), page);
        assertTrue(page.contains("| `1/1` | `h/l` | storage | `x.Queue` |"), page);
        assertTrue(page.contains("Also known as: SimpleQ."), page);
        assertTrue(page.endsWith("Body.\n"), page);
    }
}
