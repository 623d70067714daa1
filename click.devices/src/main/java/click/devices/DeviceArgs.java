package click.devices;

import click.api.Args;
import java.util.Locale;

/** Keyword checks shared by the device elements. */
final class DeviceArgs {
    private DeviceArgs() {
    }

    /** Records an error unless {@code name} can name a Linux network interface. */
    static void checkDevice(Args args, String name) {
        if (name != null && !Ifreq.validName(name)) {
            args.error("expected a device name (1 to 15 characters, no spaces or '/') for DEVNAME, got \"" + name + "\"");
        }
    }

    /**
     * Whether {@code method} is XDP (an AF_XDP socket) rather than LINUX (AF_PACKET rings); records an
     * error for any other.
     */
    static boolean xdp(Args args, String method) {
        String m = method.toUpperCase(Locale.ROOT);
        if (!m.equals("LINUX") && !m.equals("XDP")) {
            args.error("METHOD " + method + " is not available: jclick reads and writes devices through "
                    + "Linux AF_PACKET rings (METHOD LINUX) or an AF_XDP socket (METHOD XDP)");
        }
        return m.equals("XDP");
    }
}
