package click.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import click.api.TaskHandle;
import click.runtime.ElementRegistry;
import click.runtime.Router;
import click.runtime.RouterBuilder;
import click.scheduler.SmpDriverFactory;
import click.scheduler.SmpTask;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The device configurations of {@code conf/} that {@link IPRouterNamespaceTest} does not run,
 * built, initialised and started as {@code click -j 2} would, on veth devices: the four-interface
 * router ({@code ip-router-4.click}, whose StaticThreadSched spreads its eight tasks over the two
 * threads) and the VPN gateway ({@code vpn-gateway.click}). Every task must land on its thread and
 * run, and the router must stop cleanly.
 */
class DeviceConfigsTwoThreadsTest {
    private NetNs net;
    private Router router;

    @BeforeEach
    void devices() throws Exception {
        assumeTrue(NetNs.isRoot(), "needs root: creates veth devices and raw sockets");
        net = new NetNs();
    }

    @AfterEach
    void stop() throws Exception {
        NetNs.stopThenClose(router, net);
    }

    /** Builds {@code file} on two SMP threads with DEV0..DEV{n-1} bound to fresh veth devices, and starts it. */
    private Router start(String file, int devices) throws Exception {
        String peer = net.namespace("p");
        RouterBuilder b = RouterBuilder.fromFile(Configs.file(file))
                .registry(ElementRegistry.fromServiceLoader(getClass().getClassLoader()))
                .driver(new SmpDriverFactory(), 2);
        for (int i = 0; i < devices; i++) {
            String dev = net.name("r" + i);
            net.veth(dev, net.name("p" + i), peer, null);
            b.define("DEV" + i, dev);
        }
        router = b.build();
        router.start();
        return router;
    }

    private Map<String, Integer> threadsByTask() {
        Map<String, Integer> m = new TreeMap<>();
        for (TaskHandle t : router.driver().tasks()) {
            m.put(t.owner().name(), t.thread());
        }
        return m;
    }

    @Test
    void theFourInterfaceRouterRunsItsStaticScheduleOnTwoThreads() throws Exception {
        start("ip-router-4.click", 4);
        assertEquals(2, router.driver().threadCount());
        assertEquals(Map.of("in0", 0, "out1", 0, "in2", 0, "out3", 0, "in1", 1, "out0", 1, "in3", 1, "out2", 1),
                threadsByTask());
        assertTrue(router.driver().tasks().stream().allMatch(t -> ((SmpTask) t).pinned()),
                "StaticThreadSched pins every task: the balancer leaves them alone");
        awaitEveryTaskRan();
    }

    @Test
    void theVpnGatewayStartsOnTwoThreads() throws Exception {
        start("vpn-gateway.click", 2);
        assertEquals(2, router.driver().threadCount());
        assertTrue(threadsByTask().values().containsAll(List.of(0, 1)), threadsByTask().toString());
        awaitEveryTaskRan();
    }

    private void awaitEveryTaskRan() throws InterruptedException {
        long deadline = System.nanoTime() + Await.TIMEOUT_NANOS;
        while (!router.driver().tasks().stream().allMatch(t -> ((SmpTask) t).calls() > 0)) {
            assertTrue(System.nanoTime() < deadline, "tasks that never ran: " + router.driver().tasks());
            Thread.sleep(10);
        }
    }
}
