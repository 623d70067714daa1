package click.elements.standard;

import click.api.ConfigText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Script's instructions, parsed and checked at configuration time: each argument becomes one
 * {@link Insn}; labels are resolved to instruction indices (or to the special targets {@code exit},
 * {@code end}, {@code stop}, {@code error}, {@code begin}/{@code loop}).
 *
 * <p>Immutable after {@link #parse}.
 */
final class ScriptProgram {
    enum Op {
        SET, SETQ, INIT, INITQ, EXPORT, EXPORTQ, PRINT, PRINTQ, PRINTN, PRINTNQ, READ, READQ, WRITE, WRITEQ,
        PAUSE, WAIT, LABEL, GOTO, END, EXIT, STOP, RETURN, RETURNQ, ERROR, ERRORQ
    }

    /** Special goto targets (real targets are instruction indices, from 0). */
    static final int TARGET_EXIT = -1, TARGET_END = -2, TARGET_STOP = -3, TARGET_ERROR = -4;

    /**
     * One instruction.
     *
     * @param op       what it does
     * @param variable the variable SET/INIT/EXPORT assign ({@code _} for RETURN), else null
     * @param text     the text to expand (value, handler call, message, goto condition)
     * @param count    PAUSE: steps to wait for; GOTO: the target index or a TARGET_ constant
     * @param nanos    WAIT: the time to wait
     * @param source   the instruction as written, for messages
     */
    record Insn(Op op, String variable, String text, int count, long nanos, String source) {
    }

    private static final Map<String, Op> NAMES = Map.ofEntries(
            Map.entry("set", Op.SET), Map.entry("setq", Op.SETQ), Map.entry("init", Op.INIT),
            Map.entry("initq", Op.INITQ), Map.entry("export", Op.EXPORT), Map.entry("exportq", Op.EXPORTQ),
            Map.entry("print", Op.PRINT), Map.entry("printq", Op.PRINTQ), Map.entry("printn", Op.PRINTN),
            Map.entry("printnq", Op.PRINTNQ), Map.entry("read", Op.READ), Map.entry("readq", Op.READQ),
            Map.entry("write", Op.WRITE), Map.entry("writeq", Op.WRITEQ), Map.entry("pause", Op.PAUSE),
            Map.entry("wait_step", Op.PAUSE), Map.entry("wait_stop", Op.PAUSE), Map.entry("wait", Op.WAIT),
            Map.entry("wait_time", Op.WAIT), Map.entry("wait_for", Op.WAIT), Map.entry("label", Op.LABEL),
            Map.entry("goto", Op.GOTO), Map.entry("loop", Op.GOTO), Map.entry("end", Op.END),
            Map.entry("exit", Op.EXIT), Map.entry("stop", Op.STOP), Map.entry("return", Op.RETURN),
            Map.entry("returnq", Op.RETURNQ), Map.entry("error", Op.ERROR), Map.entry("errorq", Op.ERRORQ));

    private final List<Insn> insns;

    private ScriptProgram(List<Insn> insns) {
        this.insns = List.copyOf(insns);
    }

    List<Insn> insns() {
        return insns;
    }

    int size() {
        return insns.size();
    }

    Insn get(int i) {
        return insns.get(i);
    }

    /** Parses {@code arguments}, one instruction each; every problem is added to {@code errors}. */
    static ScriptProgram parse(List<String> arguments, List<String> errors) {
        List<Insn> out = new ArrayList<>();
        List<String> gotoLabels = new ArrayList<>();
        for (String argument : arguments) {
            String[] fw = ScriptText.firstWord(argument);
            String name = fw[0];
            String rest = fw[1];
            if (name.isEmpty()) {
                continue; // an empty argument is harmless, as in Click
            }
            Op op = NAMES.get(name);
            if (op == null) {
                errors.add("unknown instruction '" + name + "' in \"" + argument.trim() + "\"");
                continue;
            }
            Insn insn = instruction(op, name, rest, argument.trim(), errors);
            if (insn != null) {
                out.add(insn);
                gotoLabels.add(op == Op.GOTO ? (name.equals("loop") ? "begin" : ScriptText.firstWord(rest)[0]) : null);
            }
        }
        for (int i = 0; i < out.size(); i++) {
            if (gotoLabels.get(i) != null) {
                Insn g = out.get(i);
                Integer target = target(out, gotoLabels.get(i));
                if (target == null) {
                    errors.add("no such label '" + gotoLabels.get(i) + "' in \"" + g.source() + "\"");
                } else {
                    out.set(i, new Insn(Op.GOTO, null, g.text(), target, 0, g.source()));
                }
            }
        }
        return new ScriptProgram(out);
    }

    private static Insn instruction(Op op, String name, String rest, String source, List<String> errors) {
        switch (op) {
            case SET: case SETQ: case INIT: case INITQ: case EXPORT: case EXPORTQ: {
                String[] vw = ScriptText.firstWord(rest);
                if (vw[0].isEmpty() || ((op == Op.SET || op == Op.SETQ) && vw[1].isEmpty())) {
                    errors.add("'" + name + "' expects a variable name and a value, got \"" + source + "\"");
                    return null;
                }
                if (!vw[0].chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
                    errors.add("bad variable name '" + vw[0] + "' in \"" + source + "\"");
                    return null;
                }
                return new Insn(op, vw[0], vw[1], 0, 0, source);
            }
            case RETURN: case RETURNQ:
                return new Insn(op, "_", rest, 0, 0, source);
            case PAUSE: {
                long n = 1;
                if (!rest.isEmpty()) {
                    Long v = ScriptFunctions.integer(rest);
                    if (v == null || v < 0 || v > Integer.MAX_VALUE) {
                        errors.add("'" + name + "' expects a step count, got \"" + rest + "\"");
                        return null;
                    }
                    n = v;
                }
                return new Insn(Op.PAUSE, null, "", (int) n, 0, source);
            }
            case WAIT:
                if (rest.isEmpty() && name.equals("wait")) {
                    return new Insn(Op.PAUSE, null, "", 1, 0, source);
                }
                try {
                    return new Insn(Op.WAIT, null, "", 0, ConfigText.parseTimeNanos(rest), source);
                } catch (IllegalArgumentException e) {
                    errors.add("'" + name + "' expects a time (like 1, 0.5s, 200ms), got \"" + rest + "\"");
                    return null;
                }
            case LABEL: {
                String[] lw = ScriptText.firstWord(rest);
                if (lw[0].isEmpty() || !lw[1].isEmpty()) {
                    errors.add("'label' expects one word, got \"" + source + "\"");
                    return null;
                }
                return new Insn(Op.LABEL, null, lw[0], 0, 0, source);
            }
            case GOTO:
                if (name.equals("loop")) {
                    if (!rest.isEmpty()) {
                        errors.add("'loop' takes no argument, got \"" + source + "\"");
                        return null;
                    }
                    return new Insn(Op.GOTO, null, "", 0, 0, source);
                }
                if (rest.isEmpty()) {
                    errors.add("'goto' expects a label, got \"" + source + "\"");
                    return null;
                }
                return new Insn(Op.GOTO, null, ScriptText.firstWord(rest)[1], 0, 0, source);
            case END: case EXIT: case STOP:
                if (!rest.isEmpty()) {
                    errors.add("'" + name + "' takes no argument, got \"" + source + "\"");
                    return null;
                }
                return new Insn(op, null, "", 0, 0, source);
            default:
                return new Insn(op, null, rest, 0, 0, source);
        }
    }

    /** The index of label {@code name}, a special target, or null. */
    private static Integer target(List<Insn> insns, String name) {
        for (int i = 0; i < insns.size(); i++) {
            if (insns.get(i).op() == Op.LABEL && insns.get(i).text().equals(name)) {
                return i;
            }
        }
        switch (name) {
            case "begin": case "loop": return 0;
            case "exit": return TARGET_EXIT;
            case "end": return TARGET_END;
            case "stop": return TARGET_STOP;
            case "error": return TARGET_ERROR;
            default: return null;
        }
    }
}
