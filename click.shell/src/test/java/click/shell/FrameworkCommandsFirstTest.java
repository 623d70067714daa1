package click.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrameworkCommandsFirstTest {
    @Test
    void theFrameworkScopeGoesBeforeTheWildcard() {
        assertEquals("gogo:felix:*", FrameworkCommandsFirst.withFrameworkFirst("gogo:*"));
        assertEquals("felix:*", FrameworkCommandsFirst.withFrameworkFirst(null));
        assertEquals("felix:*", FrameworkCommandsFirst.withFrameworkFirst(""));
        assertEquals("gogo:click:felix:*", FrameworkCommandsFirst.withFrameworkFirst("gogo:click:*"));
    }

    @Test
    void aPathThatNamesTheFrameworkScopeOrHasNoWildcardIsLeftAlone() {
        assertEquals("click:felix:*", FrameworkCommandsFirst.withFrameworkFirst("click:felix:*"));
        assertEquals("gogo:click", FrameworkCommandsFirst.withFrameworkFirst("gogo:click"));
    }
}
