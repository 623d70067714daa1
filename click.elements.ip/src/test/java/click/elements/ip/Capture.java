package click.elements.ip;

import click.api.Element;
import click.api.ElementInfo;
import click.api.Packet;
import java.util.ArrayList;
import java.util.List;

/** Test sink for whole-router tests: keeps a copy of every packet's bytes, then kills it. */
@ElementInfo(ports = "1/0", processing = "h/", category = "test")
final class Capture extends Element {
    private final List<byte[]> packets = new ArrayList<>();

    @Override
    public synchronized void push(int port, Packet p) {
        packets.add(p.toByteArray());
        p.kill();
    }

    synchronized List<byte[]> packets() {
        return new ArrayList<>(packets);
    }
}
