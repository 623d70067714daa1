package click.runtime.lang;

import click.api.Location;
import click.runtime.lang.Token.Kind;

/**
 * Splits Click configuration text into tokens. Identifiers are letters, digits, {@code _},
 * {@code @} and {@code /} (a {@code /} only when another identifier character follows, so
 * {@code a//comment} is the identifier {@code a}); comments ({@code //}, {@code /* *}{@code /}) and
 * whitespace separate tokens. Configuration strings follow their own rule (balanced parentheses,
 * quotes and comments kept verbatim) and are read on demand with {@link #configString()}.
 */
final class Lexer {
    private final String text;
    private final String file;
    private int pos;
    private int line = 1;
    private int lineStart;
    /** Where the string that made the last {@link #configString()} fail starts, if that was the reason. */
    private Location unterminatedString;

    Lexer(String text, String file) {
        this.text = text;
        this.file = file;
    }

    Location here() {
        return new Location(file, line, pos - lineStart + 1);
    }

    Token next() {
        return lex();
    }

    private void advance() {
        if (text.charAt(pos) == '\n') {
            line++;
            lineStart = pos + 1;
        }
        pos++;
    }

    private char at(int i) {
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private void advanceTo(int stop) {
        while (pos < stop) {
            advance();
        }
    }

    /**
     * Skips a comment starting at the current position, if there is one. Returns -1 if there was
     * none, 0 if one was skipped, 1 if a {@code /*} comment ran to the end of the text.
     */
    private int skipComment() {
        if (at(pos) != '/') {
            return -1;
        }
        if (at(pos + 1) == '/') {
            int end = text.indexOf('\n', pos);
            advanceTo(end < 0 ? text.length() : end);
            return 0;
        }
        if (at(pos + 1) == '*') {
            int end = text.indexOf("*/", pos + 2);
            advanceTo(end < 0 ? text.length() : end + 2);
            return end < 0 ? 1 : 0;
        }
        return -1;
    }

    /** Skips whitespace and comments; returns where an unterminated comment starts, else null. */
    private Location skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            Location start = c == '/' ? here() : null;
            int comment = skipComment();
            if (comment == 1) {
                return start;
            }
            if (comment == 0) {
                continue;
            }
            if (Character.isWhitespace(c)) {
                advance();
            } else if (c == '#' && pos == lineStart && text.startsWith("#!", pos)) {
                // a "#!/usr/bin/click" first line
                int end = text.indexOf('\n', pos);
                advanceTo(end < 0 ? text.length() : end);
            } else {
                return null;
            }
        }
        return null;
    }

    static boolean identChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '@';
    }

    private Token lex() {
        Location unterminated = skipSpace();
        if (unterminated != null) {
            return new Token(Kind.OTHER, "unterminated /* comment", unterminated);
        }
        Location loc = here();
        if (pos >= text.length()) {
            return new Token(Kind.EOF, "", loc);
        }
        char c = text.charAt(pos);
        int start = pos;
        if (identChar(c)) {
            while (pos < text.length()) {
                char d = text.charAt(pos);
                if (identChar(d) || (d == '/' && identChar(at(pos + 1)))) {
                    advance();
                } else {
                    break;
                }
            }
            String word = text.substring(start, pos);
            Kind k = switch (word) {
                case "elementclass" -> Kind.ELEMENTCLASS;
                case "require" -> Kind.REQUIRE;
                case "define" -> Kind.DEFINE;
                default -> word.chars().allMatch(Character::isDigit) ? Kind.NUMBER : Kind.IDENT;
            };
            return new Token(k, word, loc);
        }
        if (c == '$') {
            advance();
            if (at(pos) == '{') {
                int end = text.indexOf('}', pos);
                if (end > pos + 1) {
                    String name = text.substring(pos + 1, end);
                    while (pos <= end) {
                        advance();
                    }
                    return new Token(Kind.VARIABLE, name, loc);
                }
            }
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                advance();
            }
            return new Token(pos > start + 1 ? Kind.VARIABLE : Kind.OTHER, text.substring(start + (pos > start + 1 ? 1 : 0), pos), loc);
        }
        String two = pos + 1 < text.length() ? text.substring(pos, pos + 2) : "";
        switch (two) {
            case "->": advance(); advance(); return new Token(Kind.ARROW, two, loc);
            case "::": advance(); advance(); return new Token(Kind.DOUBLE_COLON, two, loc);
            case "||": advance(); advance(); return new Token(Kind.DOUBLE_BAR, two, loc);
            default: break;
        }
        if (text.startsWith("...", pos)) {
            advance(); advance(); advance();
            return new Token(Kind.ELLIPSIS, "...", loc);
        }
        advance();
        Kind k = switch (c) {
            case ',' -> Kind.COMMA;
            case ';' -> Kind.SEMICOLON;
            case '(' -> Kind.LPAREN;
            case ')' -> Kind.RPAREN;
            case '[' -> Kind.LBRACKET;
            case ']' -> Kind.RBRACKET;
            case '{' -> Kind.LBRACE;
            case '}' -> Kind.RBRACE;
            case '|' -> Kind.BAR;
            default -> Kind.OTHER;
        };
        return new Token(k, String.valueOf(c), loc);
    }

    /**
     * Reads a configuration string: call right after the {@code (} token was taken. Returns the
     * raw text up to the matching {@code )} (which is consumed), or null if the text ends first.
     * Parentheses inside quotes, comments, or after a backslash do not count.
     */
    String configString() {
        int start = pos;
        int depth = 0;
        unterminatedString = null;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length()) {
                advance();
                advance();
            } else if (c == '"' || c == '\'') {
                Location open = here();
                advance();
                while (pos < text.length() && text.charAt(pos) != c) {
                    if (c == '"' && text.charAt(pos) == '\\' && pos + 1 < text.length()) {
                        advance();
                    }
                    advance();
                }
                if (pos < text.length()) {
                    advance();
                } else {
                    unterminatedString = open;
                }
            } else if (skipComment() >= 0) {
                continue;
            } else if (c == '(') {
                depth++;
                advance();
            } else if (c == ')') {
                if (depth == 0) {
                    String s = text.substring(start, pos);
                    advance();
                    return s;
                }
                depth--;
                advance();
            } else {
                advance();
            }
        }
        return null;
    }

    /** After {@link #configString()} returned null: where an unterminated string starts, or null. */
    Location unterminatedString() {
        return unterminatedString;
    }
}
