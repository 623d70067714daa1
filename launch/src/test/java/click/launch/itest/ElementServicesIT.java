package click.launch.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Element;
import click.api.ElementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** Element bundles offer their classes as {@link ElementFactory} services, and withdraw them on stop. */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class ElementServicesIT {
    @InjectBundleContext
    BundleContext context;

    @Test
    void standardFactoriesAreServicesNamedByTheirClickClass(
            @InjectService(filter = "(click.element=Counter)", timeout = 5000) ElementFactory counter,
            @InjectService(filter = "(click.element=Discard)", timeout = 5000) ElementFactory discard) {
        assertEquals("Counter", counter.className());
        assertEquals("Discard", discard.className());
        Element e = counter.newElement();
        assertTrue(counter.elementClass().isInstance(e));
    }

    @Test
    void stoppingTheElementBundleWithdrawsItsFactoriesAndStartingBringsThemBack() throws Exception {
        Bundle standard = Arrays.stream(context.getBundles())
                .filter(b -> "click.elements.standard".equals(b.getSymbolicName())).findFirst().orElseThrow();
        assertEquals(1, references("(click.element=Counter)"));
        standard.stop();
        try {
            assertEquals(0, references("(click.element=Counter)"));
            assertEquals(0, references("(click.element=Discard)"));
        } finally {
            standard.start();
        }
        assertEquals(1, references("(click.element=Counter)"));
    }

    private int references(String filter) throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences(ElementFactory.class.getName(), filter);
        return refs == null ? 0 : refs.length;
    }

    @Test
    void unknownClassHasNoService() throws Exception {
        assertNull(context.getServiceReferences(ElementFactory.class.getName(), "(click.element=NoSuchElement)"));
    }
}
