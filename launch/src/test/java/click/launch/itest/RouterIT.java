package click.launch.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.DriverFactory;
import click.runtime.ConfigurationException;
import click.runtime.ElementRegistry;
import click.runtime.Router;
import click.runtime.RouterBuilder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** Routers built inside Felix from the launch bundle's ElementRegistry service. */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class RouterIT {
    private static final String COUNT_1000 =
            "InfiniteSource(LIMIT 1000, STOP true) -> c :: Counter -> q :: Queue(2000) -> Unqueue -> d :: Discard;";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 5000)
    ElementRegistry registry;

    @Test
    void registryHoldsTheElementBundlesClasses() {
        for (String name : new String[] {"InfiniteSource", "Counter", "Queue", "Unqueue", "Discard", "CheckIPHeader"}) {
            assertNotNull(registry.find(name), name);
        }
    }

    @Test
    void routerFromTheRegistryRunsToCompletionAndItsHandlersReadRight() throws Exception {
        Router router = RouterBuilder.fromText(COUNT_1000, "itest.click").registry(registry).build();
        try {
            router.run();
            assertEquals("1000", router.handlers().read("c.count").trim());
            assertEquals("Counter", router.handlers().read("c.class").trim());
            long queued = Long.parseLong(router.handlers().read("q.length").trim());
            long discarded = Long.parseLong(router.handlers().read("d.count").trim());
            assertEquals(1000, queued + discarded, "every packet is either still queued or discarded");
        } finally {
            router.cleanup();
        }
    }

    @Test
    void theSchedulersSmpDriverServiceRunsARouterOnTwoThreads(
            @InjectService(filter = "(click.driver=smp)", timeout = 5000) DriverFactory smp) throws Exception {
        Router router = RouterBuilder.fromText(COUNT_1000, "itest.click").registry(registry).driver(smp, 2).build();
        try {
            router.run();
            assertEquals(2, router.driver().threadCount());
            assertEquals("1000", router.handlers().read("c.count").trim());
            // this framework has no JNA bundle (itest.bndrun): the scheduler's optional import of it
            // stays unwired, and its threads run unpinned, saying why
            String affinity = router.handlers().read("affinity");
            assertTrue(affinity.startsWith("thread 0: not pinned: JNA is not available")
                    && affinity.contains("\nthread 1: not pinned: JNA is not available"), affinity);
        } finally {
            router.cleanup();
        }
    }

    @Test
    void configurationErrorsCarryFileLineAndColumn() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> RouterBuilder.fromText("Idle -> Discard;\nx :: NoSuchElement;", "bad.click").registry(registry)
                        .build());
        assertTrue(e.getMessage().contains("bad.click:2:"), e.getMessage());
    }

    @Test
    void stoppingTheElementBundleTakesItsClassesOutOfTheRegistry() throws Exception {
        Bundle standard = Arrays.stream(context.getBundles())
                .filter(b -> "click.elements.standard".equals(b.getSymbolicName())).findFirst().orElseThrow();
        standard.stop();
        try {
            assertNull(registry.find("Counter"));
            assertThrows(ConfigurationException.class,
                    () -> RouterBuilder.fromText(COUNT_1000, "itest.click").registry(registry).build());
        } finally {
            standard.start();
        }
        assertNotNull(registry.find("Counter"));
    }
}
