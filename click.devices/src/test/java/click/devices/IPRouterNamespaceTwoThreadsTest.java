package click.devices;

import static org.junit.jupiter.api.Assertions.assertTrue;

import click.runtime.RouterBuilder;
import click.scheduler.SmpDriverFactory;
import org.junit.jupiter.api.Test;

/**
 * {@link IPRouterNamespaceTest} with {@code conf/ip-router.click} on two SMP router threads
 * ({@code click -j 2}): the PollDevice/ToDevice tasks of both interfaces are spread over the two
 * threads and moved by the adaptive balancer, and every test must pass as on one thread.
 */
class IPRouterNamespaceTwoThreadsTest extends IPRouterNamespaceTest {
    @Override
    RouterBuilder onDriver(RouterBuilder b) {
        return b.driver(new SmpDriverFactory(), 2);
    }

    /**
     * The paper's Table 1 live: a flood of pings through the router, then the stage report has the
     * receive stage (FromDevice copying frames out of the ring) and the transmit stage (ToDevice
     * queueing frames and kicking the kernel), besides push, enqueue, dequeue and free.
     */
    @Test
    void theStageCostsOfADeviceRouterShowReceiveAndTransmit() throws Exception {
        String out = net.exec(hostA, "ping", "-n", "-f", "-c", "3000", "-w", "30", "203.0.113.2");
        assertTrue(out.contains(" 0% packet loss") || out.contains("3000 received"), out);
        String stages = router.handlers().read("stage_costs");
        for (String stage : new String[] {"receive", "push", "enqueue", "dequeue", "transmit", "free"}) {
            assertTrue(stages.matches("(?s).*\\n" + stage + " +[01] .*"), stage + " in\n" + stages);
        }
    }
}
