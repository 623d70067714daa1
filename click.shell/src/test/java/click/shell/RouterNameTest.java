package click.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RouterNameTest {
    @Test
    void aRouterIsNamedAfterItsFileWithoutTheClickExtension() {
        assertEquals("ip-router", ClickCommands.routerName(Path.of("/tmp/conf/ip-router.click")));
        assertEquals("router.txt", ClickCommands.routerName(Path.of("router.txt")));
        assertEquals(".click", ClickCommands.routerName(Path.of(".click")));
    }
}
