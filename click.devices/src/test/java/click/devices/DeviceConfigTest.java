package click.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.ConfigException;
import click.api.ElementFactory;
import click.testing.ElementHarness;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Configuration checks of the device elements; they open no device, so they run without root. */
class DeviceConfigTest {
    private static String fromDeviceError(String config) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new FromDevice().configure(new click.api.Args(config)));
        return String.join("; ", e.messages());
    }

    private static String toDeviceError(String config) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ToDevice().configure(new click.api.Args(config)));
        return String.join("; ", e.messages());
    }

    @Test
    void methodsOtherThanLinuxAndXdpAreRefusedWithTheReason() {
        assertTrue(fromDeviceError("eth0, METHOD PCAP").contains("METHOD PCAP is not available"));
        assertTrue(toDeviceError("eth0, METHOD NETMAP").contains("AF_PACKET rings (METHOD LINUX) or an AF_XDP socket (METHOD XDP)"));
    }

    @Test
    void methodXdpIsAcceptedButNotWithOutbound() throws ConfigException {
        new FromDevice().configure(new click.api.Args("eth0, METHOD XDP, PROMISC true, SNAPLEN 100"));
        new ToDevice().configure(new click.api.Args("eth0, METHOD xdp"));
        assertTrue(fromDeviceError("eth0, METHOD XDP, OUTBOUND true").contains("OUTBOUND true is not available with METHOD XDP"));
    }

    @Test
    void methodXdpOnAMissingDeviceIsAClearConfigurationError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new FromDevice()).configure("jcnosuchdev0, METHOD XDP"));
        assertTrue(String.join("; ", e.messages()).contains("no such device \"jcnosuchdev0\""), e.messages().toString());
    }

    @Test
    void clickLinuxKeywordsAreAccepted() throws ConfigException {
        new FromDevice().configure(new click.api.Args(
                "eth0, SNIFFER false, PROMISC true, BURST 32, METHOD LINUX, OUTBOUND true, SNAPLEN 1514, HEADROOM 64, TIMESTAMP false"));
        new ToDevice().configure(new click.api.Args("eth0, BURST 16, METHOD linux"));
    }

    @Test
    void deviceNameIsRequiredAndChecked() {
        assertTrue(fromDeviceError("").contains("missing DEVNAME"));
        assertTrue(toDeviceError("").contains("missing DEVNAME"));
        assertTrue(fromDeviceError("averyveryverylongname").contains("expected a device name"));
        assertTrue(toDeviceError("a/b").contains("expected a device name"));
    }

    @Test
    void badBurstAndUnknownKeywordsAreErrors() {
        assertTrue(fromDeviceError("eth0, BURST 0").contains("BURST"));
        assertTrue(toDeviceError("eth0, BURST 0").contains("BURST"));
        assertTrue(fromDeviceError("eth0, COLOUR red").contains("unknown keyword COLOUR"));
    }

    @Test
    void aMissingDeviceIsAClearConfigurationError() {
        // Without root the socket itself is refused; either way the message says what to do.
        ConfigException e = assertThrows(ConfigException.class,
                () -> ElementHarness.of(new FromDevice()).configure("jcnosuchdev0"));
        String m = String.join("; ", e.messages());
        String expected = NetNs.isRoot() ? "no such device \"jcnosuchdev0\"" : "raw sockets need root or CAP_NET_RAW";
        assertTrue(m.contains(expected), m);
        e = assertThrows(ConfigException.class, () -> ElementHarness.of(new ToDevice()).pullInputs().configure("jcnosuchdev0"));
        m = String.join("; ", e.messages());
        assertTrue(m.contains(expected), m);
    }

    @Test
    void theBundleProvidesTheDeviceElementsUnderClickNames() {
        List<String> names = new DeviceElements().elementFactories().stream()
                .map(ElementFactory::className).collect(Collectors.toList());
        assertTrue(names.containsAll(List.of("FromDevice", "PollDevice", "ToDevice")), names.toString());
        assertEquals(names.size(), names.stream().distinct().count());
    }
}
