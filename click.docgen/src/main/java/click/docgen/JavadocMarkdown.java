package click.docgen;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts the small HTML-and-tags subset our element Javadoc uses into Markdown: headings, bold,
 * paragraphs, definition lists, bullet lists, code blocks and inline tags.
 */
final class JavadocMarkdown {
    private static final Pattern PRE = Pattern.compile("<pre>\\s*(\\{@code)?(.*?)(})?\\s*</pre>", Pattern.DOTALL);
    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(code|literal|link|linkplain|value)\\s*([^{}]*(\\{[^{}]*}[^{}]*)*)}");
    private static final Pattern BLOCK_TAG = Pattern.compile("(?m)^\\s*@(param|return|throws|see|since|author)\\b.*$");

    private JavadocMarkdown() {
    }

    static String convert(String javadoc) {
        if (javadoc == null) {
            return "";
        }
        String s = BLOCK_TAG.matcher(javadoc).replaceAll("");
        StringBuilder out = new StringBuilder();
        Matcher pre = PRE.matcher(s);
        int last = 0;
        while (pre.find()) {
            out.append(inline(s.substring(last, pre.start())));
            String code = pre.group(2).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                    .replace("&#64;", "@");
            out.append("\n\n```\n").append(unindent(code)).append("\n```\n\n");
            last = pre.end();
        }
        out.append(inline(s.substring(last)));
        return tidy(out.toString());
    }

    private static String inline(String s) {
        Matcher m = INLINE_TAG.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String tag = m.group(1);
            String body = m.group(2).trim();
            String text;
            if (tag.startsWith("link")) {
                int sp = body.indexOf(' ');
                String target = sp < 0 ? body : body.substring(sp + 1);
                text = "`" + target.replace('#', '.').replaceAll("^\\.", "") + "`";
            } else if (tag.equals("value")) {
                text = body.isEmpty() ? "" : "`" + body + "`";
            } else {
                text = "`" + body + "`";
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(text));
        }
        m.appendTail(sb);
        return sb.toString()
                .replaceAll("(?s)\\s*<h2>(.*?)</h2>\\s*", "\n\n## $1\n\n")
                .replaceAll("(?s)\\s*<h3>(.*?)</h3>\\s*", "\n\n### $1\n\n")
                .replaceAll("(?s)<b>(.*?)</b>", "**$1**")
                .replaceAll("(?s)<i>(.*?)</i>", "*$1*")
                .replaceAll("(?s)<em>(.*?)</em>", "*$1*")
                .replaceAll("(?s)<code>(.*?)</code>", "`$1`")
                .replaceAll("\\s*<p>\\s*", "\n\n")
                .replaceAll("\\s*</p>\\s*", "\n\n")
                .replaceAll("\\s*<(dl|ul|ol)>\\s*", "\n\n")
                .replaceAll("\\s*</(dl|ul|ol)>\\s*", "\n\n")
                .replaceAll("(?s)\\s*<dt>(.*?)</dt>\\s*", "\n- **$1**: ")
                .replaceAll("(?s)<dd>(.*?)</dd>", "$1")
                .replaceAll("(?s)\\s*<li>\\s*", "\n- ")
                .replaceAll("\\s*</li>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&#64;", "@");
    }

    /** Joins wrapped lines inside paragraphs and list items; keeps code blocks as they are. */
    private static String tidy(String s) {
        StringBuilder out = new StringBuilder();
        boolean code = false;
        StringBuilder para = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            if (line.startsWith("```")) {
                flush(out, para);
                code = !code;
                out.append(line).append('\n');
                continue;
            }
            if (code) {
                out.append(line).append('\n');
                continue;
            }
            String t = line.trim();
            if (t.isEmpty()) {
                flush(out, para);
                if (out.length() > 0 && !out.toString().endsWith("\n\n")) {
                    out.append('\n');
                }
            } else if (t.startsWith("- ") || t.startsWith("#")) {
                boolean continuesList = para.toString().startsWith("- ");
                flush(out, para);
                // Markdown needs a blank line between a paragraph and the list after it
                if (!continuesList && out.length() > 0 && !out.toString().endsWith("\n\n")
                        && !out.toString().endsWith("```\n")) {
                    out.append('\n');
                }
                para.append(t);
                if (t.startsWith("#")) {
                    flush(out, para);
                }
            } else {
                if (para.length() > 0) {
                    para.append(' ');
                }
                para.append(t);
            }
        }
        flush(out, para);
        return out.toString().replaceAll("\n{3,}", "\n\n").trim() + "\n";
    }

    private static void flush(StringBuilder out, StringBuilder para) {
        if (para.length() > 0) {
            out.append(para).append('\n');
            para.setLength(0);
        }
    }

    private static String unindent(String code) {
        String[] lines = code.replaceAll("^\\n+|\\s+$", "").split("\n");
        int min = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                int i = 0;
                while (i < l.length() && l.charAt(i) == ' ') {
                    i++;
                }
                min = Math.min(min, i);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.length() >= min ? l.substring(min) : l.trim()).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
