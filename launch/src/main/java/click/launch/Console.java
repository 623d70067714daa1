package click.launch;

import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * The interactive Gogo console on the calling thread ({@code click --shell}). click.bndrun keeps
 * gogo.shell's own console off ({@code gosh.args=--nointeractive}), so the terminal belongs to the
 * click command; here it runs {@code gosh --login --noshutdown}, which reads commands until end of
 * input (Ctrl-D) and returns without stopping the framework, so the command can then stop the
 * router and print its handlers. Gogo's {@code exit N} and {@code stop 0} end the JVM at once,
 * without them.
 */
final class Console {
    private final CommandProcessor processor;

    Console(CommandProcessor processor) {
        this.processor = processor;
    }

    /**
     * Runs the console until it ends; 0, or 1 if it failed. The session reads and writes the
     * process's own descriptors, as gogo.shell does: {@code System.out} is Gogo's per-thread
     * stream by now, and a session writing into it would write into itself.
     */
    int run(PrintStream err) {
        CommandSession session = processor.createSession(new FileInputStream(FileDescriptor.in),
                new PrintStream(new FileOutputStream(FileDescriptor.out), true),
                new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        try {
            session.execute("gosh --login --noshutdown");
            return 0;
        } catch (Exception e) {
            err.println("click: the console failed: " + e);
            return 1;
        } finally {
            session.close();
        }
    }

    /**
     * Runs {@code commands} (separated by {@code ;}) one after another and prints each result as
     * the console would; 0, or 1 if any command failed (its error goes to {@code err}, one line).
     * The session reads no input.
     */
    int runScript(String commands, PrintStream err) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out,
                new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        int status = 0;
        try {
            for (String command : commands.split(";")) {
                String c = command.strip();
                if (c.isEmpty()) {
                    continue;
                }
                try {
                    Object result = session.execute(c);
                    if (result != null) {
                        out.println(session.format(result, Converter.INSPECT));
                    }
                } catch (Exception e) {
                    err.println("click: " + c + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    status = 1;
                }
            }
        } finally {
            session.close();
        }
        return status;
    }
}
