package click.elements.nat;

import click.api.Args;
import click.api.Element;
import click.api.ElementInfo;
import click.api.Input;
import click.api.Location;
import click.api.Output;
import click.api.Packet;
import click.testing.ElementHarness;
import java.util.function.BiConsumer;

/**
 * A rewriter wired by hand to thread-safe sinks, for tests where several threads push at once
 * (the harness's output lists are single-threaded). Timers and the clock come from a harness.
 */
final class Rig {
    /** An output sink: hands each packet and its port to a callback, which owns the packet. */
    static final class Sink extends Element {
        private final int port;
        private final BiConsumer<Integer, Packet> onPacket;

        Sink(int port, BiConsumer<Integer, Packet> onPacket) {
            this.port = port;
            this.onPacket = onPacket;
        }

        @Override
        public void push(int inputPort, Packet p) {
            onPacket.accept(port, p);
        }
    }

    @ElementInfo(ports = "0/0")
    static final class Nothing extends Element {
    }

    final ElementHarness<Nothing> context = ElementHarness.of(new Nothing());

    /** Wires {@code rw} with {@code inputs} push inputs and {@code outputs} outputs into {@code onPacket}. */
    <E extends RewriterBase> E wire(E rw, int inputs, int outputs, String config, BiConsumer<Integer, Packet> onPacket)
            throws Exception {
        Input[] ins = new Input[inputs];
        for (int i = 0; i < inputs; i++) {
            ins[i] = new Input(rw, i, true);
        }
        Output[] outs = new Output[outputs];
        for (int i = 0; i < outputs; i++) {
            outs[i] = new Output(rw, i, true);
            outs[i].connect(new Sink(i, onPacket), 0);
        }
        rw.attach("rw", new Location("<rig>", 1, 1), config, context, ins, outs);
        rw.configure(new Args(config));
        rw.initialize(context);
        return rw;
    }
}
