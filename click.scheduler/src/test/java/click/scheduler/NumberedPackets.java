package click.scheduler;

import click.api.Args;
import click.api.ConfigException;
import click.api.Element;
import click.api.ElementFactory;
import click.api.ElementInfo;
import click.api.Packet;
import click.runtime.ElementRegistry;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Test elements that check a multi-threaded router delivers each packet exactly once: Stamp numbers
 * the packets of one source, Ledger checks the numbers of every source arrive once and in order.
 */
final class NumberedPackets {
    static final int SOURCES = 2;

    private NumberedPackets() {
    }

    /** The standard elements plus Stamp and Ledger. */
    static ElementRegistry registry() {
        ElementRegistry registry = ElementRegistry.fromServiceLoader(NumberedPackets.class.getClassLoader());
        ElementFactory.of(Stamp.class, Stamp::new).forEach(registry::add);
        ElementFactory.of(Ledger.class, Ledger::new).forEach(registry::add);
        return registry;
    }

    /** Writes its SOURCE number and a running sequence number into each packet. Pushed by one task only. */
    @ElementInfo(ports = "1/1", processing = "h/h")
    public static final class Stamp extends Element {
        private int source;
        private long next;

        @Override
        public void configure(Args args) throws ConfigException {
            source = args.positional("SOURCE").asInt(0, 0, SOURCES - 1);
            args.complete();
        }

        @Override
        public void push(int port, Packet p) {
            p.setI32(0, source);
            p.setI64(4, next++);
            output(0).push(p);
        }
    }

    /** Checks each source's sequence numbers arrive once and in order; kills the packets. */
    @ElementInfo(ports = "1/0", processing = "h/")
    public static final class Ledger extends Element {
        final AtomicLongArray last = new AtomicLongArray(SOURCES);
        final AtomicLong received = new AtomicLong();
        final AtomicLong outOfOrder = new AtomicLong();

        Ledger() {
            for (int i = 0; i < SOURCES; i++) {
                last.set(i, -1);
            }
        }

        @Override
        public void push(int port, Packet p) {
            int source = p.i32(0);
            long seq = p.i64(4);
            if (seq <= last.get(source)) {
                outOfOrder.incrementAndGet(); // seen before (a duplicate) or overtaken
            }
            last.set(source, seq);
            received.incrementAndGet();
            p.kill();
        }
    }
}
