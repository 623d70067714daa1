package click.launch.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** The runtime the click command relies on: Felix, every click bundle active, the Gogo console. */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class FrameworkIT {
    @InjectBundleContext
    BundleContext context;

    @Test
    void frameworkIsFelix() {
        assertEquals("org.apache.felix.framework", context.getBundle(0).getSymbolicName());
    }

    @Test
    void everyClickBundleIsActive() {
        for (String name : new String[] {"click.api", "click.runtime", "click.elements.standard", "launch"}) {
            Bundle b = Arrays.stream(context.getBundles()).filter(x -> name.equals(x.getSymbolicName()))
                    .findFirst().orElse(null);
            assertNotNull(b, name + " is installed");
            assertEquals(Bundle.ACTIVE, b.getState(), name + " is active");
        }
    }

    @Test
    void gogoRunsCommandsThroughTheCommandProcessor(
            @InjectService(timeout = 5000) CommandProcessor processor) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), print, print);
        try {
            session.execute("echo hello");
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("hello"), out.toString(StandardCharsets.UTF_8));
            Object bundles = session.execute("lb");
            assertTrue(String.valueOf(bundles).contains("click.elements.standard"), String.valueOf(bundles));
        } finally {
            session.close();
        }
    }
}
