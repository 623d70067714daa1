package click.elements.standard;

import click.api.Arg;
import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementContext;
import click.api.ElementInfo;
import click.api.HandlerException;
import click.api.HandlerRegistry;
import click.api.Timer;
import click.elements.standard.ScriptProgram.Insn;
import click.elements.standard.ScriptProgram.Op;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * <h2>Script</h2>
 * <b>Synopsis:</b> {@code Script([TYPE TYPE,] INSTRUCTION, ...)}
 * <p><b>Runs a small script that reads and writes handlers, waits, and can stop the router.</b>
 * Category: control. Ports: none.
 *
 * <p><b>Processing:</b> none. Each argument is one instruction; the script runs them in order,
 * pausing at {@code wait} and {@code pause}. Waiting uses a timer of the router's clock and never
 * blocks a thread.
 *
 * <p><b>Instructions.</b> The text of most instructions is first expanded (see Substitutions). The
 * {@code q} forms then remove one layer of quotes from the result.
 * <dl>
 * <dt>{@code set VAR TEXT}, {@code setq VAR TEXT}</dt><dd>sets variable VAR.</dd>
 * <dt>{@code init VAR [TEXT]}, {@code initq}</dt><dd>sets VAR once, before the script first runs.</dd>
 * <dt>{@code export VAR [TEXT]}, {@code exportq}</dt><dd>like init, and VAR becomes a read handler.</dd>
 * <dt>{@code print [>FILE | >>FILE] [TEXT | HANDLER]}</dt><dd>prints TEXT (one layer of quotes
 * removed) or, when the argument starts with a letter, {@code @} or {@code _}, the value of that read
 * handler (with any arguments after its name). The line goes to the router's output (standard
 * output with the {@code click} command, as in Click), or is written (>) or appended (>>) to FILE. {@code printq} unquotes the handler call first.</dd>
 * <dt>{@code printn ...}, {@code printnq}</dt><dd>like print, without the newline in a FILE (on the
 * router's output the line is ended).</dd>
 * <dt>{@code read HANDLER [ARGS]}, {@code readq}</dt><dd>reads a handler and logs
 * {@code HANDLER:} and the value on the next line (standard error with the {@code click} command, as in Click).</dd>
 * <dt>{@code write HANDLER [ARGS]}, {@code writeq}</dt><dd>writes ARGS to a handler; {@code $?} is
 * then 0, or -1 if the write failed.</dd>
 * <dt>{@code wait TIME}</dt><dd>waits TIME (like {@code 1}, {@code 0.5s}, {@code 200ms}) or until a
 * step. {@code wait_time} and {@code wait_for} are other names.</dd>
 * <dt>{@code pause [COUNT]}, {@code wait}</dt><dd>waits until the {@code step} handler has been
 * written COUNT (default 1) times. {@code wait_step} and {@code wait_stop} are other names.</dd>
 * <dt>{@code label L}, {@code goto L [CONDITION]}</dt><dd>jumps to label L, if CONDITION (a boolean
 * after expansion) is true or absent. The labels {@code begin} and {@code loop} mean the first
 * instruction; {@code end}, {@code exit}, {@code stop} and {@code error} act like those
 * instructions. A script that jumps 1000 times without waiting is stopped, with a message.</dd>
 * <dt>{@code loop}</dt><dd>jumps to the first instruction.</dd>
 * <dt>{@code end}, {@code exit}</dt><dd>end the script.</dd>
 * <dt>{@code stop}</dt><dd>ends the script and asks the router to stop.</dd>
 * <dt>{@code return [VALUE]}, {@code returnq}</dt><dd>ends the script; VALUE is what the
 * {@code run} handler returns.</dd>
 * <dt>{@code error [MSG]}, {@code errorq}</dt><dd>ends the script with an error, logging MSG.</dd>
 * </dl>
 *
 * <p><b>Substitutions.</b> {@code $VAR} and {@code ${VAR}} are script variables; {@code $?} is the
 * status of the last write; {@code $args}, {@code $1}, {@code $2}, ... and {@code $#} are the
 * arguments of the {@code run} handler. {@code $(NAME ARGS)} is a variable when NAME is one and
 * there are no ARGS, else one of the functions below, else the value of read handler
 * {@code NAME} (as {@code ELEMENT.HANDLER}) called with ARGS. Inside a compound, element names
 * are looked up in the enclosing compounds first, as in Click. Substitutions nest; nothing is
 * substituted inside single quotes; a reference that cannot be resolved stays as written (and a
 * failing handler is logged).
 *
 * <p><b>Functions</b> (also read handlers with parameters, so {@code $(s.add 1 2)} works from
 * elsewhere): {@code add}, {@code sub}, {@code mul} (integers stay integers; with a real number the
 * result is real), {@code div} (always real: {@code div 10 4} is 2.5, {@code div 10 5} is 2),
 * {@code idiv} (truncated), {@code mod} (integers), {@code rem} (reals), {@code neg}, {@code abs},
 * {@code min}, {@code max}, {@code eq}, {@code ne}, {@code lt}, {@code gt}, {@code le}, {@code ge}
 * (numbers when both are numbers, else text), {@code not}, {@code and}, {@code or},
 * {@code if COND A B}, {@code in X A B ...}, {@code sprintf FORMAT ARGS} (C conversions d i u o x X
 * e f g s), {@code length}, {@code unquote}, {@code first}, {@code random [N | LO HI]},
 * {@code get VAR}, and {@code now}: the router clock's wall time in seconds since 1970 with 9
 * decimals. Real results print like C's {@code %.12g}.
 *
 * <p><b>Keywords:</b>
 * <dl>
 * <dt>TYPE</dt><dd>{@code ACTIVE} (default): the script starts when the router starts.
 * {@code PASSIVE}: it runs only when its {@code run} handler is called. {@code DRIVER}: like
 * ACTIVE, and when the script ends, however it ends, the router stops (see DriverManager); an empty
 * DRIVER script waits for a step.</dd>
 * </dl>
 *
 * <p><b>Handlers:</b>
 * <dl>
 * <dt>step (write)</dt><dd>moves past the current {@code wait} or one count of {@code pause};
 * an integer N steps N times; empty or {@code router} steps once.</dd>
 * <dt>goto (write)</dt><dd>continues at the label written.</dd>
 * <dt>run (read with parameters, write)</dt><dd>runs the script from the start with the parameters
 * as {@code $args}; reading returns the {@code return} value.</dd>
 * <dt>the functions above (read with parameters)</dt><dd>as described.</dd>
 * <dt>exported variables (read)</dt><dd>one per {@code export}.</dd>
 * </dl>
 *
 * <p>Writing the {@code config} handler replaces the script and starts it afresh (variables cleared).
 *
 * <p><b>Differences from Click:</b> SIGNAL, PACKET and PROXY scripts, {@code save}/{@code append},
 * and the {@code cat}, {@code kill}, {@code readable} and {@code writable} functions are not
 * supported. {@code print} to the router's output always ends the line. Stop requests of other elements (STOP
 * true) stop the router directly rather than stepping a DRIVER script.
 *
 * <p><b>Example:</b> print 0 to 4, then stop the router:
 * <pre>{@code Script(set x 0, label l, print $x, set x $(add $x 1), goto l $(lt $x 5), stop);}</pre>
 * <p><b>See also:</b> DriverManager.
 */
@ElementInfo(ports = "0/0", processing = "/", category = "control")
public class Script extends Element {
    /** When the script runs. */
    enum Type { ACTIVE, PASSIVE, DRIVER }

    private enum State { IDLE, RUNNING, WAITING, PAUSED, DONE }

    private static final int MAX_JUMPS = 1000;

    private final ScriptFunctions functions = new ScriptFunctions();
    private final Resolver resolver = new Resolver();
    private ScriptProgram program;
    private Type type;
    private Timer timer;

    // Interpreter state: guarded by this (timers, handler calls and the shell may step the script).
    private final Map<String, String> vars = new HashMap<>();
    private boolean varsInitialised;
    private State state = State.IDLE;
    private int pc;
    private int pauseLeft;
    private int writeStatus;
    private String runArgs = "";
    private String returned = "";
    private String failure;
    /** True while instructions execute: a handler the script calls must not restart or step it. */
    private boolean running;

    /** The TYPE when none is given. */
    Type defaultType() {
        return Type.ACTIVE;
    }

    @Override
    public void configure(Args args) throws ConfigException {
        Type t = type(args.optional("TYPE"), args);
        List<String> errors = new ArrayList<>();
        ScriptProgram p = ScriptProgram.parse(args.rest(), errors);
        errors.forEach(args::error);
        args.complete();
        if (t == Type.DRIVER && p.size() == 0) {
            // Click: an empty driver script waits for the first driver stop event
            p = ScriptProgram.parse(List.of("pause"), errors);
        }
        install(p, t);
    }

    /**
     * Takes a new program. On a live reconfiguration (the timer exists) the script starts afresh:
     * variables are cleared and an active script runs from its first instruction.
     */
    private synchronized void install(ScriptProgram p, Type t) {
        program = p;
        type = t;
        if (timer != null) {
            timer.unschedule();
            vars.clear();
            varsInitialised = false;
            state = State.IDLE;
            if (t != Type.PASSIVE) {
                timer.scheduleAfter(0);
            }
        }
    }

    private Type type(Arg arg, Args args) {
        if (!arg.present()) {
            return defaultType();
        }
        String v = arg.raw().trim();
        switch (v) {
            case "ACTIVE": return Type.ACTIVE;
            case "PASSIVE": return Type.PASSIVE;
            case "DRIVER": return Type.DRIVER;
            default:
                args.error("expected ACTIVE, PASSIVE or DRIVER for TYPE, got \"" + v + "\""
                        + (v.startsWith("SIGNAL") || v.equals("PACKET") || v.equals("PROXY")
                           ? " (" + v.split("\\s")[0] + " scripts are not supported)" : ""));
                return defaultType();
        }
    }

    @Override
    public void initialize(ElementContext ctx) {
        timer = ctx.newTimer(this, this::timerFired);
        if (type != Type.PASSIVE) {
            timer.scheduleAfter(0);
        }
    }

    @Override
    public void cleanup() {
        if (timer != null) {
            timer.unschedule();
        }
    }

    // ---- the interpreter ----

    private synchronized void timerFired() {
        if (state == State.IDLE) {
            start();
        } else if (state == State.WAITING) {
            pc++;
            state = State.RUNNING;
            runUntilBlocked();
        }
    }

    private void start() {
        initialiseVariables();
        pc = 0;
        state = State.RUNNING;
        runUntilBlocked();
    }

    /** Sets every variable the script names to "", then runs the init and export instructions, once. */
    private void initialiseVariables() {
        if (varsInitialised) {
            return;
        }
        varsInitialised = true;
        for (Insn in : program.insns()) {
            if (in.variable() != null) {
                vars.putIfAbsent(in.variable(), "");
            }
        }
        for (Insn in : program.insns()) {
            Op op = in.op();
            if (op == Op.INIT || op == Op.INITQ || op == Op.EXPORT || op == Op.EXPORTQ) {
                vars.put(in.variable(), value(in.text(), op == Op.INITQ || op == Op.EXPORTQ));
            }
        }
    }

    private void runUntilBlocked() {
        running = true;
        try {
            execute();
        } finally {
            running = false;
        }
    }

    private void execute() {
        int jumps = 0;
        while (state == State.RUNNING) {
            if (pc >= program.size()) {
                finish(Op.END);
                return;
            }
            Insn in = program.get(pc);
            switch (in.op()) {
                case SET: case SETQ:
                    vars.put(in.variable(), value(in.text(), in.op() == Op.SETQ));
                    pc++;
                    break;
                case PRINT: case PRINTQ: case PRINTN: case PRINTNQ:
                    print(in);
                    pc++;
                    break;
                case READ: case READQ:
                    read(in);
                    pc++;
                    break;
                case WRITE: case WRITEQ:
                    write(in);
                    pc++;
                    break;
                case PAUSE:
                    if (in.count() == 0) {
                        pc++;
                    } else {
                        pauseLeft = in.count();
                        state = State.PAUSED;
                    }
                    break;
                case WAIT:
                    state = State.WAITING;
                    timer.scheduleAfter(in.nanos());
                    break;
                case GOTO:
                    if (!condition(in)) {
                        pc++;
                    } else if (++jumps > MAX_JUMPS) {
                        report("too many jumps without waiting, giving up");
                        finish(Op.ERROR);
                    } else if (in.count() >= 0) {
                        pc = in.count();
                    } else {
                        finish(in.count() == ScriptProgram.TARGET_STOP ? Op.STOP
                                : in.count() == ScriptProgram.TARGET_ERROR ? Op.ERROR : Op.END);
                    }
                    break;
                case RETURN: case RETURNQ:
                    returned = value(in.text(), in.op() == Op.RETURNQ);
                    vars.put("_", returned);
                    finish(Op.END);
                    break;
                case ERROR: case ERRORQ: {
                    String msg = value(in.text(), in.op() == Op.ERRORQ);
                    if (!msg.isEmpty()) {
                        report(msg);
                    }
                    failure = msg.isEmpty() ? "script error at \"" + in.source() + "\"" : msg;
                    finish(Op.ERROR);
                    break;
                }
                case END: case EXIT: case STOP:
                    finish(in.op());
                    break;
                default: // LABEL, and INIT/EXPORT which ran before the script started
                    pc++;
                    break;
            }
        }
    }

    /** Ends the script; a stop (or the end of a DRIVER script) asks the router to stop. */
    private void finish(Op how) {
        state = State.DONE;
        timer.unschedule();
        if (how == Op.STOP || type == Type.DRIVER) {
            context().requestStop();
        }
    }

    private boolean condition(Insn in) {
        String cond = expand(in.text()).trim();
        if (cond.isEmpty()) {
            return true;
        }
        try {
            return ScriptFunctions.bool(cond);
        } catch (HandlerException e) {
            report("bad condition '" + cond + "' in \"" + in.source() + "\"");
            return false;
        }
    }

    /** {@code text} expanded, and unquoted if {@code unquote}; unquoting problems are reported. */
    private String value(String text, boolean unquote) {
        String v = expand(text);
        if (!unquote) {
            return v;
        }
        try {
            return ScriptFunctions.unquote(v);
        } catch (HandlerException e) {
            report(e.getMessage() + " in \"" + v + "\"");
            return v;
        }
    }

    private String expand(String text) {
        return ScriptText.expand(text, resolver);
    }

    private void print(Insn in) {
        String text = in.text();
        Path file = null;
        boolean append = false;
        if (text.startsWith(">")) {
            append = text.startsWith(">>");
            String[] fw = ScriptText.firstWord(text.substring(append ? 2 : 1));
            file = fw[0].isEmpty() || fw[0].equals("-") ? null : Path.of(fw[0]);
            text = fw[1];
        }
        boolean handlerForm = !text.isEmpty() && (Character.isLetter(text.charAt(0)) || text.charAt(0) == '@'
                || text.charAt(0) == '_');
        boolean q = in.op() == Op.PRINTQ || in.op() == Op.PRINTNQ;
        String result;
        try {
            if (handlerForm) {
                String[] call = ScriptText.firstWord(q ? ScriptFunctions.unquote(expand(text)) : expand(text));
                result = context().handlers().read(qualified(call[0]), call[1]);
            } else {
                result = ScriptFunctions.unquote(expand(text));
            }
        } catch (HandlerException e) {
            report(e.getMessage());
            return;
        }
        if (file == null) {
            context().output(this, withoutFinalNewline(result));
            return;
        }
        boolean newline = (in.op() == Op.PRINT || in.op() == Op.PRINTQ) && !result.endsWith("\n");
        try {
            Files.writeString(file, newline ? result + "\n" : result, StandardCharsets.ISO_8859_1,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            report(file + ": " + e.getMessage());
        }
    }

    private void read(Insn in) {
        String[] call = ScriptText.firstWord(value(in.text(), in.op() == Op.READQ));
        try {
            String handler = qualified(call[0]);
            String v = context().handlers().read(handler, call[1]);
            context().message(this, handler + ":\n" + withoutFinalNewline(v));
        } catch (HandlerException e) {
            report(e.getMessage());
        }
    }

    private void write(Insn in) {
        String[] call = ScriptText.firstWord(value(in.text(), in.op() == Op.WRITEQ));
        try {
            context().handlers().write(qualified(call[0]), call[1]);
            writeStatus = 0;
        } catch (HandlerException e) {
            writeStatus = -1;
            report("write " + call[0] + ": " + e.getMessage());
        }
    }

    /**
     * Click resolves {@code ELEMENT.HANDLER} from inside a compound relative to it first: script
     * {@code a/b/s} naming {@code x.h} gets {@code a/b/x.h}, else {@code a/x.h}, else {@code x.h}.
     */
    private String qualified(String handler) {
        String prefix = name();
        int slash = prefix.lastIndexOf('/');
        if (slash < 0 || handler.lastIndexOf('.') <= 0) {
            return handler;
        }
        while (slash >= 0) {
            prefix = prefix.substring(0, slash);
            String candidate = prefix + "/" + handler;
            if (context().handlers().exists(candidate)) {
                return candidate;
            }
            slash = prefix.lastIndexOf('/');
        }
        return handler;
    }

    private static String withoutFinalNewline(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    /** Logs a run-time problem, naming this element. */
    private void report(String message) {
        context().message(this, name() + " :: " + className() + ": " + message);
    }

    /** The router clock's wall time, seconds since 1970 with 9 decimals. */
    private String now() {
        long ns = context().clock().epochNanos();
        return Long.toString(Math.floorDiv(ns, 1_000_000_000L)) + '.'
                + String.format(Locale.ROOT, "%09d", Math.floorMod(ns, 1_000_000_000L));
    }

    /** What {@code $...} looks up: variables, then functions, then the router's read handlers. */
    private final class Resolver implements ScriptText.Resolver {
        @Override
        public String variable(String name) {
            String v = vars.get(name);
            if (v != null) {
                return v;
            }
            switch (name) {
                case "?": return Integer.toString(writeStatus);
                case "args": return runArgs;
                case "#": return Integer.toString(ScriptText.words(runArgs).size());
                default:
                    if (name.chars().allMatch(Character::isDigit) && !name.startsWith("0")) {
                        List<String> w = ScriptText.words(runArgs);
                        int i = Integer.parseInt(name);
                        return i <= w.size() ? w.get(i - 1) : "";
                    }
                    return null;
            }
        }

        @Override
        public String call(String inner) throws HandlerException {
            String[] fw = ScriptText.firstWord(inner);
            String name = fw[0];
            if (fw[1].isEmpty() && vars.containsKey(name)) {
                return vars.get(name);
            }
            String local = name.indexOf('.') < 0 ? name
                    : name.startsWith(name() + ".") ? name.substring(name().length() + 1) : null;
            if (local != null) {
                if (local.equals("now")) {
                    return now();
                }
                if (local.equals("get")) {
                    return vars.getOrDefault(fw[1], "");
                }
                if (ScriptFunctions.NAMES.contains(local)) {
                    return functions.call(local, fw[1]);
                }
            }
            return context().handlers().read(qualified(name), fw[1]);
        }

        @Override
        public void error(String message) {
            report(message);
        }
    }

    // ---- handlers ----

    /** Refuses a handler call that would re-enter the script from one of its own instructions. */
    private void notFromInside(String handler) throws HandlerException {
        if (running) {
            throw new HandlerException("the script cannot call its own '" + handler + "' handler while it runs");
        }
    }

    private synchronized void step(int n) throws HandlerException {
        notFromInside("step");
        int left = n;
        if (state == State.IDLE && left > 0) {
            left--;
            start();
        }
        while (left-- > 0) {
            if (state == State.WAITING) {
                timer.unschedule();
                pc++;
            } else if (state == State.PAUSED) {
                if (--pauseLeft > 0) {
                    continue;
                }
                pc++;
            } else {
                return;
            }
            state = State.RUNNING;
            runUntilBlocked();
        }
    }

    private synchronized void jump(String label) throws HandlerException {
        notFromInside("goto");
        int target = -1;
        for (int i = 0; i < program.size(); i++) {
            if (program.get(i).op() == Op.LABEL && program.get(i).text().equals(label.trim())) {
                target = i;
            }
        }
        if (target < 0) {
            throw new HandlerException("no such label '" + label.trim() + "'");
        }
        initialiseVariables();
        timer.unschedule();
        pc = target;
        state = State.RUNNING;
        runUntilBlocked();
    }

    private synchronized String run(String args) throws HandlerException {
        notFromInside("run");
        initialiseVariables();
        timer.unschedule();
        runArgs = args.trim();
        returned = "";
        failure = null;
        pc = 0;
        state = State.RUNNING;
        runUntilBlocked();
        if (failure != null) {
            throw new HandlerException(failure);
        }
        return returned;
    }

    private synchronized String variableValue(String name) {
        initialiseVariables();
        return vars.getOrDefault(name, "");
    }

    @Override
    public void addHandlers(HandlerRegistry h) {
        h.write("step", v -> {
            String s = v.trim();
            step(s.isEmpty() || s.equals("router") ? 1
                    : HandlerValues.parseInt(s, 0, Integer.MAX_VALUE, "a step count (an integer >= 0)"));
        });
        h.write("goto", this::jump);
        h.readParam("run", this::run);
        h.write("run", v -> run(v));
        h.read("now", this::now);
        h.readParam("get", v -> variableValue(v.trim()));
        for (String f : new TreeSet<>(ScriptFunctions.NAMES)) {
            h.readParam(f, v -> functions.call(f, v));
        }
        for (Insn in : program.insns()) {
            if (in.op() == Op.EXPORT || in.op() == Op.EXPORTQ) {
                String var = in.variable();
                h.read(var, () -> variableValue(var));
            }
        }
    }
}
