package click.runtime.lang;

import click.api.Location;

/** One token of the Click language, with where it starts. */
record Token(Kind kind, String text, Location location) {
    enum Kind {
        IDENT, VARIABLE, ARROW, DOUBLE_COLON, COMMA, SEMICOLON, LPAREN, RPAREN, LBRACKET, RBRACKET,
        LBRACE, RBRACE, BAR, DOUBLE_BAR, ELLIPSIS, NUMBER, ELEMENTCLASS, REQUIRE, DEFINE, OTHER, EOF
    }

    boolean is(Kind k) {
        return kind == k;
    }

    /** The token as the user wrote it, for messages. */
    String describe() {
        return kind == Kind.EOF ? "end of file" : kind == Kind.VARIABLE ? "'$" + text + "'" : "'" + text + "'";
    }
}
