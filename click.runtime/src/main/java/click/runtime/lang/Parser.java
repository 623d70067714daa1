package click.runtime.lang;

import click.api.ConfigText;
import click.api.ErrorReport;
import click.api.Location;
import click.runtime.lang.Ast.Body;
import click.runtime.lang.Ast.Chain;
import click.runtime.lang.Ast.ClassDefinition;
import click.runtime.lang.Ast.ClassRef;
import click.runtime.lang.Ast.Compound;
import click.runtime.lang.Ast.Declaration;
import click.runtime.lang.Ast.Define;
import click.runtime.lang.Ast.ElementSpec;
import click.runtime.lang.Ast.Endpoint;
import click.runtime.lang.Ast.Formal;
import click.runtime.lang.Ast.Inline;
import click.runtime.lang.Ast.Name;
import click.runtime.lang.Ast.Named;
import click.runtime.lang.Ast.Overload;
import click.runtime.lang.Ast.Program;
import click.runtime.lang.Ast.Require;
import click.runtime.lang.Ast.Statement;
import click.runtime.lang.Token.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Recursive-descent parser for the Click language (see click(5)):
 * <pre>
 *   statement   := declaration | chain | 'elementclass' NAME (compound | NAME)
 *                | 'require' '(' config ')' | 'define' '(' config ')' | ';'
 *   declaration := NAME (',' NAME)+ '::' class [config]
 *   chain       := endpoint ('->' endpoint)*
 *   endpoint    := ['[' N ']'] element ['[' N ']']
 *   element     := NAME ['::' class] [config] | compound [config]
 *   class       := NAME | compound
 *   compound    := '{' overload ('||' overload)* '}'
 *   overload    := [formals '|'] statement*  |  '...'
 *   formals     := formal (',' formal)* ;  formal := '$'var | KEYWORD '$'var
 * </pre>
 * Syntax errors are reported with file:line:column and parsing resumes at the next statement, so
 * one run reports every problem.
 */
final class Parser {
    private final Lexer lexer;
    private final ErrorReport errors;
    private final Deque<Token> ahead = new ArrayDeque<>();
    private final List<Define> defines = new ArrayList<>();
    private final List<Require> requires = new ArrayList<>();
    private int anonymousCompounds;

    Parser(String text, String file, ErrorReport errors) {
        this.lexer = new Lexer(text, file);
        this.errors = errors;
    }

    Program parseProgram() {
        Body body = parseBody(false);
        Token t = peek(0);
        if (!t.is(Kind.EOF)) {
            error(t.location(), "unexpected " + t.describe());
        }
        return new Program(body, defines, requires);
    }

    // ---- tokens ----

    private Token peek(int k) {
        while (ahead.size() <= k) {
            Token t = lexer.next();
            if (t.is(Kind.OTHER) && t.text().startsWith("unterminated")) {
                error(t.location(), t.text());
                t = new Token(Kind.EOF, "", t.location());
            }
            ahead.addLast(t);
        }
        int i = 0;
        for (Token t : ahead) {
            if (i++ == k) {
                return t;
            }
        }
        throw new AssertionError();
    }

    private Token next() {
        peek(0);
        return ahead.removeFirst();
    }

    private boolean accept(Kind k) {
        if (peek(0).is(k)) {
            next();
            return true;
        }
        return false;
    }

    private void error(Location at, String message) {
        errors.error(at, "", message);
    }

    /** Thrown to abandon the current statement after a syntax error has been reported. */
    private static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyntaxError() {
            super(null, null, false, false);
        }
    }

    private Token expect(Kind k, String what) {
        Token t = peek(0);
        if (!t.is(k)) {
            error(t.location(), "expected " + what + ", got " + t.describe());
            throw new SyntaxError();
        }
        return next();
    }

    /** Reads the configuration string after a {@code (} token that was just taken. */
    private String config(Location open) {
        if (!ahead.isEmpty()) {
            throw new AssertionError("lookahead past '('");
        }
        String s = lexer.configString();
        if (s == null) {
            Location quote = lexer.unterminatedString();
            if (quote != null) {
                error(quote, "unterminated string in the configuration that starts at " + open);
            } else {
                error(open, "unbalanced '(': the configuration string never ends");
            }
            throw new SyntaxError();
        }
        return s;
    }

    private String optionalConfig() {
        if (peek(0).is(Kind.LPAREN)) {
            Token open = next();
            return config(open.location());
        }
        return null;
    }

    // ---- statements ----

    /** Statements up to EOF, or up to '}' / '||' inside a compound. */
    private Body parseBody(boolean inCompound) {
        List<Statement> out = new ArrayList<>();
        while (true) {
            Token t = peek(0);
            if (t.is(Kind.EOF) || (inCompound && (t.is(Kind.RBRACE) || t.is(Kind.DOUBLE_BAR)))) {
                return new Body(out);
            }
            try {
                Statement s = parseStatement();
                if (s != null) {
                    out.add(s);
                }
            } catch (SyntaxError e) {
                recover(inCompound);
            }
        }
    }

    /** Skips to just after the next ';' (or to a '}' / '||' / EOF that ends the scope). */
    private void recover(boolean inCompound) {
        int depth = 0;
        while (true) {
            Token t = peek(0);
            if (t.is(Kind.EOF)) {
                return;
            }
            if (depth == 0 && inCompound && (t.is(Kind.RBRACE) || t.is(Kind.DOUBLE_BAR))) {
                return;
            }
            next();
            if (t.is(Kind.LBRACE)) {
                depth++;
            } else if (t.is(Kind.RBRACE)) {
                depth = Math.max(0, depth - 1);
            } else if (t.is(Kind.SEMICOLON) && depth == 0) {
                return;
            } else if (t.is(Kind.LPAREN) && ahead.isEmpty()) {
                lexer.configString();
            }
        }
    }

    private Statement parseStatement() {
        Token t = peek(0);
        switch (t.kind()) {
            case SEMICOLON:
                next();
                return null;
            case ELEMENTCLASS:
                return parseElementClass();
            case REQUIRE:
            case DEFINE: {
                next();
                Token open = expect(Kind.LPAREN, "'(' after " + t.text());
                String cfg = config(open.location());
                if (t.is(Kind.REQUIRE)) {
                    requires.add(new Require(ConfigText.split(cfg), t.location()));
                } else {
                    parseDefines(cfg, t.location());
                }
                return null;
            }
            case IDENT:
                if (peek(1).is(Kind.COMMA)) {
                    return parseDeclaration();
                }
                return parseChain();
            default:
                return parseChain();
        }
    }

    private void parseDefines(String cfg, Location at) {
        for (String arg : ConfigText.split(cfg)) {
            if (arg.isEmpty()) {
                continue;
            }
            int i = 1;
            if (arg.charAt(0) == '$') {
                while (i < arg.length() && (Character.isLetterOrDigit(arg.charAt(i)) || arg.charAt(i) == '_')) {
                    i++;
                }
            }
            if (i == 1) {
                error(at, "define: expected '$NAME value', got \"" + arg + "\"");
                continue;
            }
            defines.add(new Define(arg.substring(1, i), arg.substring(i).trim(), at));
        }
    }

    private Statement parseElementClass() {
        Token kw = next();
        Token name = expect(Kind.IDENT, "a class name after 'elementclass'");
        Name n = new Name(name.text(), name.location());
        if (peek(0).is(Kind.LBRACE)) {
            return new ClassDefinition(n, new Inline(parseCompound(name.text())));
        }
        if (peek(0).is(Kind.IDENT)) {
            Token existing = next();
            return new ClassDefinition(n, new Named(new Name(existing.text(), existing.location())));
        }
        error(peek(0).location(), "expected '{' or a class name after 'elementclass " + name.text()
                + "', got " + peek(0).describe());
        throw new SyntaxError();
    }

    private Statement parseDeclaration() {
        List<Name> names = new ArrayList<>();
        do {
            Token t = expect(Kind.IDENT, "an element name");
            names.add(new Name(t.text(), t.location()));
        } while (accept(Kind.COMMA));
        expect(Kind.DOUBLE_COLON, "'::' after the element names");
        ClassRef type = parseClass();
        return new Declaration(names, type, optionalConfig());
    }

    private ClassRef parseClass() {
        Token t = peek(0);
        if (t.is(Kind.LBRACE)) {
            return new Inline(parseCompound(null));
        }
        Token name = expect(Kind.IDENT, "an element class after '::'");
        return new Named(new Name(name.text(), name.location()));
    }

    private Statement parseChain() {
        List<Endpoint> endpoints = new ArrayList<>();
        List<Location> arrows = new ArrayList<>();
        endpoints.add(parseEndpoint());
        while (peek(0).is(Kind.ARROW)) {
            arrows.add(next().location());
            endpoints.add(parseEndpoint());
        }
        Endpoint last = endpoints.get(endpoints.size() - 1);
        if (last.outPort() >= 0) {
            error(peek(0).location(), "output port [" + last.outPort() + "] is not followed by '->'");
            throw new SyntaxError();
        }
        if (endpoints.size() == 1 && endpoints.get(0).inPort() >= 0) {
            error(endpoints.get(0).element().location(), "input port [" + endpoints.get(0).inPort()
                    + "] is not preceded by '->'");
            throw new SyntaxError();
        }
        return new Chain(endpoints, arrows);
    }

    private int optionalPort() {
        if (!peek(0).is(Kind.LBRACKET)) {
            return -1;
        }
        next();
        Token n = expect(Kind.NUMBER, "a port number");
        expect(Kind.RBRACKET, "']' after the port number");
        try {
            return Integer.parseInt(n.text());
        } catch (NumberFormatException e) {
            error(n.location(), "port number " + n.text() + " is too large");
            throw new SyntaxError();
        }
    }

    private Endpoint parseEndpoint() {
        int in = optionalPort();
        ElementSpec e = parseElement();
        int out = optionalPort();
        return new Endpoint(in, e, out);
    }

    private ElementSpec parseElement() {
        Token t = peek(0);
        if (t.is(Kind.LBRACE)) {
            Compound c = parseCompound(null);
            return new ElementSpec(null, new Inline(c), optionalConfig(), t.location());
        }
        if (!t.is(Kind.IDENT)) {
            error(t.location(), "expected an element, got " + t.describe());
            throw new SyntaxError();
        }
        next();
        Name name = new Name(t.text(), t.location());
        if (accept(Kind.DOUBLE_COLON)) {
            ClassRef type = parseClass();
            return new ElementSpec(name, type, optionalConfig(), t.location());
        }
        if (peek(0).is(Kind.LPAREN)) {
            // Class(config): an anonymous element
            return new ElementSpec(null, new Named(name), optionalConfig(), t.location());
        }
        return new ElementSpec(name, null, null, t.location());
    }

    // ---- compounds ----

    private Compound parseCompound(String name) {
        Token open = expect(Kind.LBRACE, "'{'");
        String cname = name != null ? name : "@Anon" + (++anonymousCompounds);
        List<Overload> overloads = new ArrayList<>();
        boolean extendsPrevious = false;
        while (true) {
            if (peek(0).is(Kind.ELLIPSIS)) {
                next();
                extendsPrevious = true;
            } else {
                Location at = peek(0).location();
                List<Formal> formals = parseFormals();
                overloads.add(new Overload(formals, parseBody(true), at));
            }
            if (!accept(Kind.DOUBLE_BAR)) {
                break;
            }
        }
        Token close = peek(0);
        if (!close.is(Kind.RBRACE)) {
            error(open.location(), "'{' is never closed (found " + close.describe() + ")");
            throw new SyntaxError();
        }
        next();
        return new Compound(cname, open.location(), overloads, extendsPrevious);
    }

    /** Formals followed by '|', if present; otherwise none (and nothing is consumed). */
    private List<Formal> parseFormals() {
        boolean hasFormals = peek(0).is(Kind.VARIABLE) || peek(0).is(Kind.BAR)
                || (peek(0).is(Kind.IDENT) && peek(1).is(Kind.VARIABLE));
        List<Formal> formals = new ArrayList<>();
        if (!hasFormals) {
            return formals;
        }
        if (accept(Kind.BAR)) {
            return formals;
        }
        do {
            String keyword = null;
            if (peek(0).is(Kind.IDENT)) {
                keyword = next().text();
            }
            Token v = expect(Kind.VARIABLE, "a formal parameter like $name");
            for (Formal f : formals) {
                if (f.variable().equals(v.text())) {
                    error(v.location(), "formal parameter $" + v.text() + " declared twice");
                }
            }
            formals.add(new Formal(v.text(), keyword));
        } while (accept(Kind.COMMA));
        expect(Kind.BAR, "'|' after the formal parameters");
        return formals;
    }
}
