package click.launch;

import click.api.Element;
import click.api.HandlerAccess;
import click.api.HandlerException;
import click.runtime.Router;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Prints read handlers after a run, in Click's {@code -h} format: one handler prints its bare value;
 * several (or an element pattern or class name matching several elements) print each as
 * {@code name:} on its own line, the value, and an empty line. Values always end with a newline.
 *
 * <p>{@code ELEMENT.HANDLER} names an element handler, where ELEMENT is an element name, a
 * pattern with {@code * ? [...]} matched against element names, or a class name (every element of
 * that class with such a handler); a name without a dot is a router handler ({@code config},
 * {@code flatconfig}, {@code list}, {@code classes}).
 */
final class HandlerPrinter {
    private final Router router;
    private final PrintStream out;
    private final PrintStream err;
    private boolean ok = true;

    HandlerPrinter(Router router, PrintStream out, PrintStream err) {
        this.router = router;
        this.out = out;
        this.err = err;
    }

    /** Prints every handler of {@code requests}; false if any could not be read. */
    boolean print(List<String> requests) {
        boolean several = requests.size() > 1;
        for (String request : requests) {
            int dot = request.indexOf('.');
            if (dot < 0) {
                read(request, several);
                continue;
            }
            String elementPart = request.substring(0, dot);
            String handler = request.substring(dot + 1);
            if (router.element(elementPart) != null) {
                read(request, several);
                continue;
            }
            List<String> matches = expand(elementPart, handler);
            for (String name : matches) {
                read(name + "." + handler, true);
            }
        }
        out.flush();
        return ok;
    }

    /** Elements matching a pattern or a class name that have {@code handler}; reports none. */
    private List<String> expand(String pattern, String handler) {
        boolean isPattern = pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[');
        Pattern glob = isPattern ? glob(pattern) : null;
        HandlerAccess handlers = router.handlers();
        List<String> names = new ArrayList<>();
        boolean any = false;
        for (Element e : router.elements()) {
            boolean matches = isPattern ? glob.matcher(e.name()).matches() : e.className().equals(pattern);
            if (matches) {
                any = true;
                if (handlers.exists(e.name() + "." + handler)) {
                    names.add(e.name());
                }
            }
        }
        if (!any) {
            fail(isPattern ? "no element matching '" + pattern + "'" : "no element '" + pattern + "'");
        }
        return names;
    }

    private void read(String name, boolean withName) {
        HandlerAccess handlers = router.handlers();
        if (!handlers.exists(name)) {
            fail("no '" + name + "' handler");
            return;
        }
        String value;
        try {
            value = handlers.read(name);
        } catch (HandlerException e) {
            fail(name + ": " + e.getMessage());
            return;
        }
        if (withName) {
            out.println(name + ":");
        }
        out.print(value);
        if (!value.endsWith("\n")) {
            out.println();
        }
        if (withName) {
            out.println();
        }
    }

    private void fail(String message) {
        err.println("click: " + message);
        ok = false;
    }

    /** A shell glob ({@code * ? [abc] [!abc]}) as a regular expression over whole names. */
    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int close = glob.indexOf(']', i + 1);
                    if (close < 0) {
                        re.append("\\[");
                    } else {
                        String set = glob.substring(i + 1, close);
                        boolean negated = set.startsWith("!");
                        re.append(negated ? "[^" : "[");
                        for (char m : (negated ? set.substring(1) : set).toCharArray()) {
                            // ranges (a-z) keep their meaning; regex-only metacharacters do not
                            re.append("\\[]^&".indexOf(m) >= 0 ? "\\" + m : String.valueOf(m));
                        }
                        re.append(']');
                        i = close;
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
