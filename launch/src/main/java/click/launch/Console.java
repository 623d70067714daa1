package click.launch;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

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
}
