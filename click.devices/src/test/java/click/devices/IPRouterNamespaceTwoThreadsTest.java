package click.devices;

import click.runtime.RouterBuilder;
import click.scheduler.SmpDriverFactory;

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
}
