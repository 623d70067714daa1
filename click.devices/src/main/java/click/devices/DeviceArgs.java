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

    /** Records an error unless {@code method} is LINUX, the only way jclick reaches devices. */
    static void checkMethod(Args args, String method) {
        if (!method.toUpperCase(Locale.ROOT).equals("LINUX")) {
            args.error("METHOD " + method + " is not available: jclick reads and writes devices through "
                    + "Linux AF_PACKET rings only (METHOD LINUX)");
        }
    }
}
