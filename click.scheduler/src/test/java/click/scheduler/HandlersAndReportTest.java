package click.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import click.api.Clock;
import click.api.Element;
import click.api.HandlerException;
import click.api.HandlerSet;
import click.api.TaskHandle;
import org.junit.jupiter.api.Test;

class HandlersAndReportTest {
    private final SmpDriver d = new SmpDriver(2, Clock.SYSTEM);
    private final HandlerSet h = new HandlerSet();

    HandlersAndReportTest() {
        d.addHandlers(h);
    }

    private String read(String name) throws HandlerException {
        return h.readValue("driver", name);
    }

    private String writeFails(String name, String value) {
        return assertThrows(HandlerException.class, () -> h.writeValue("driver", name, value)).getMessage();
    }

    @Test
    void schedulingModeIsReadAndSwitchedByName() throws HandlerException {
        assertEquals("adaptive", read("scheduling"));
        h.writeValue("driver", "scheduling", " static ");
        assertEquals("static", read("scheduling"));
        assertEquals(SmpDriver.Scheduling.STATIC, d.scheduling());
        assertEquals("expected 'adaptive' or 'static', got 'balanced'", writeFails("scheduling", "balanced"));
    }

    @Test
    void balanceIntervalTakesAClickTime() throws HandlerException {
        assertEquals("1000ms", read("balance_interval"));
        h.writeValue("driver", "balance_interval", "250ms");
        assertEquals(250_000_000L, d.balanceInterval());
        assertEquals("expected a time of at least 1ms such as '500ms' or '2s', got '10us'",
                writeFails("balance_interval", "10us"));
        assertEquals("expected a time of at least 1ms such as '500ms' or '2s', got 'soon'",
                writeFails("balance_interval", "soon"));
    }

    @Test
    void moveTaskPinsAnElementsTasksToAThread() throws HandlerException {
        Element a = Elements.named("a");
        TaskHandle t1 = d.addTask(a, () -> 0);
        TaskHandle t2 = d.addTask(a, () -> 0);
        h.writeValue("driver", "move_task", "a 1");
        assertEquals(1, t1.thread());
        assertEquals(1, t2.thread());
        assertTrue(((SmpTask) t1).pinned());
        assertEquals("no task belongs to an element called 'b'", writeFails("move_task", "b 0"));
        assertEquals("no thread 2: the router has threads 0 to 1", writeFails("move_task", "a 2"));
        assertEquals("expected a thread number, got 'x'", writeFails("move_task", "a x"));
        assertEquals("expected 'ELEMENT THREAD', got 'a'", writeFails("move_task", "a"));
    }

    @Test
    void theCostReportHasARowPerTaskWithItsThreadCallsAndPackets() throws HandlerException, InterruptedException {
        d.setScheduling(SmpDriver.Scheduling.STATIC);
        Element src = Elements.named("src");
        d.addTask(src, () -> 4);
        d.addTask(src, () -> 0).sleep();
        d.start();
        SmpTask first = d.tasks().get(0);
        Await.until(() -> first.calls() > 1000 && first.sampledCalls() > 10, "the task ran and was sampled");
        d.requestStop();
        d.awaitStop();
        String[] lines = read("task_costs").split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].matches("task +class +thread +calls +packets +ns/call +ns/packet"), lines[0]);
        String[] row = lines[1].trim().split(" +");
        assertEquals("src", row[0]);
        assertEquals("TestElement", row[1]);
        assertEquals("0", row[2]);
        assertEquals(Long.toString(first.calls()), row[3]);
        assertEquals(Long.toString(first.calls() * 4), row[4]);
        double nsPerCall = Double.parseDouble(row[5]);
        double nsPerPacket = Double.parseDouble(row[6]);
        assertEquals(nsPerCall / 4, nsPerPacket, nsPerCall / 4 * 0.01 + 0.1);
        assertTrue(lines[2].startsWith("src#2 (sleeping)"), lines[2]);
        assertTrue(lines[2].matches(".* 0 +- +-"), lines[2]); // never ran: no packets, not measured
    }

    @Test
    void taskExceptionsListsElementsThatThrew() throws HandlerException {
        d.setErrorLog((e, t) -> { });
        Element bad = Elements.named("bad");
        d.failed(bad, new IllegalStateException("x"));
        d.failed(bad, new IllegalStateException("y"));
        assertEquals("bad 2\n", read("task_exceptions"));
        assertEquals("", read("balance_log"));
    }
}
