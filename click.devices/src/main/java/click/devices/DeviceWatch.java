package click.devices;

import click.api.ConfigException;
import click.api.Element;
import java.io.IOException;

/**
 * Holds one element's port (an AF_PACKET ring or one side of an AF_XDP socket) and keeps it attached
 * to its device while the router runs: a device that goes down
 * or disappears is reported once through the router's log, checked again with growing intervals
 * (50 ms doubling to 1 s), and when it is back (a deleted device may return with a new interface
 * index) the ring is opened afresh and that is reported once too.
 *
 * <p>Checks happen only when the element's task finds nothing to do and the next check is due, so
 * a busy device costs nothing and an idle healthy one two system calls a second.
 *
 * <p>Thread ownership: the owning element's task only, except {@link #ring()} (handlers) and
 * {@link #close()} (cleanup, when the task no longer runs).
 */
final class DeviceWatch<P extends DevicePort> {
    static final long HEALTHY_INTERVAL = 1_000_000_000L;
    static final long FIRST_RETRY = 50_000_000L;

    /** Opens the element's ring on the device. */
    @FunctionalInterface
    interface Opener<P extends DevicePort> {
        P open() throws IOException;
    }

    private enum State { UP, DOWN, GONE, FAILED }

    private final Element owner;
    private final String device;
    private final Opener<P> opener;
    private final Ifreq req;
    /** The open ring, or null while the device is unusable; replaced only by the task. */
    private volatile P ring;
    private State reported = State.UP;
    private long retry = FIRST_RETRY;
    private long nextCheck;

    private DeviceWatch(Element owner, String device, Opener<P> opener, P ring, long now) {
        this.owner = owner;
        this.device = device;
        this.opener = opener;
        this.req = new Ifreq(device);
        this.ring = ring;
        this.nextCheck = now + HEALTHY_INTERVAL;
    }

    /**
     * Opens the ring as the router starts; a failure is a configuration error naming the device
     * (the router puts the element's name and class in front).
     */
    static <P extends DevicePort> DeviceWatch<P> start(Element owner, String device, Opener<P> opener, long now) throws ConfigException {
        try {
            return new DeviceWatch<>(owner, device, opener, opener.open(), now);
        } catch (IOException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** The ring to use now, or null while the device is unusable. */
    P ring() {
        return ring;
    }

    /** Closes the ring for good (element cleanup). */
    void close() {
        P r = ring;
        ring = null;
        if (r != null) {
            r.close();
        }
    }

    boolean due(long now) {
        return now >= nextCheck;
    }

    /** Whether the device was usable at the last check. */
    boolean healthy() {
        return reported == State.UP;
    }

    /**
     * Checks the device, then sets the ring to use from now on: the same, a freshly opened one
     * (the old one closed), or null while the device is unusable.
     */
    void check(long now) {
        ring = checked(ring, now);
    }

    private P checked(P ring, long now) {
        int ifindex = LibC.if_nametoindex(device);
        if (ifindex == 0) {
            if (ring != null) {
                ring.close();
            }
            return trouble(State.GONE, "device " + device + " has disappeared; waiting for it to return", now);
        }
        if (ring == null || ring.ifindex() != ifindex) {
            if (ring != null) {
                ring.close();
            }
            try {
                ring = opener.open();
            } catch (IOException e) {
                return trouble(State.FAILED, "device " + device + ": " + e.getMessage() + "; retrying", now);
            }
        }
        int flags = ring.deviceFlags(req);
        if (flags < 0 || (flags & Ifreq.IFF_UP) == 0) {
            trouble(State.DOWN, "device " + device + " is down; waiting for it to come up", now);
            return ring;
        }
        if (reported != State.UP) {
            owner.context().message(owner, owner.name() + ": device " + device + " is back");
            reported = State.UP;
        }
        retry = FIRST_RETRY;
        nextCheck = now + HEALTHY_INTERVAL;
        return ring;
    }

    private P trouble(State state, String text, long now) {
        if (reported != state) {
            owner.context().message(owner, owner.name() + ": " + text);
            reported = state;
        }
        nextCheck = now + retry;
        retry = Math.min(retry * 2, HEALTHY_INTERVAL);
        return null;
    }
}
