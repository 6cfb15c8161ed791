package dev.encore.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The watchdog's timing on a hand-moved nanosecond clock: nothing here sleeps or starts a thread. */
class EngineWatchdogTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<EngineWatchdog.Stuck> reported = new ArrayList<>();
    private final EngineWatchdog watchdog = new EngineWatchdog(30_000, now::get, reported::add);

    private void advanceMs(long ms) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    @Test
    void workThatFinishesWithinTheTimeIsNeverReported() {
        watchdog.begin("save");
        advanceMs(29_999);
        assertFalse(watchdog.check());
        watchdog.end();
        advanceMs(60_000);
        assertFalse(watchdog.check(), "an idle engine waits for work; that is not being stuck");
        assertEquals(List.of(), reported);
    }

    @Test
    void workStillRunningAtTheTimeIsReportedOnceWithItsNameAndHowLongItRan() {
        watchdog.begin("open");
        advanceMs(30_000);
        assertTrue(watchdog.check());
        advanceMs(5_000);
        assertFalse(watchdog.check(), "reported once only");
        assertEquals(List.of(new EngineWatchdog.Stuck("open", 30_000)), reported);
        assertTrue(watchdog.fired());
        assertEquals("open", watchdog.doing());
        assertEquals(35_000, watchdog.runningMs());
    }

    @Test
    void eachPieceOfWorkHasItsOwnClock() {
        watchdog.begin("open");
        advanceMs(20_000);
        watchdog.end();
        watchdog.begin("save");
        advanceMs(20_000);
        assertFalse(watchdog.check(), "40 s of work in two pieces of 20 s is not stuck");
        advanceMs(10_000);
        assertTrue(watchdog.check());
        assertEquals(List.of(new EngineWatchdog.Stuck("save", 30_000)), reported);
    }

    @Test
    void zeroTurnsTheWatchdogOff() {
        EngineWatchdog off = new EngineWatchdog(0, now::get, reported::add);
        off.begin("open");
        advanceMs(TimeUnit.DAYS.toMillis(1));
        assertFalse(off.check());
        off.start();
        off.close();
        assertEquals(List.of(), reported);
    }

    @Test
    void anIdleEngineReportsWhatItIsDoingAsIdle() {
        assertEquals("idle", watchdog.doing());
        assertEquals(0, watchdog.runningMs());
    }

    @Test
    void theStackOfAThreadNamesItsStateAndEveryFrame() throws Exception {
        Object lock = new Object();
        Thread holder;
        Thread waiterThread;
        synchronized (lock) {
            Thread waiter = new Thread(() -> {
                synchronized (lock) {
                    lock.notifyAll();
                }
            }, "waiter");
            waiter.start();
            while (waiter.getState() != Thread.State.BLOCKED) {
                Thread.onSpinWait();
            }
            String stack = EngineWatchdog.stackOf(waiter);
            holder = Thread.currentThread();
            assertTrue(stack.startsWith("\"waiter\" BLOCKED waiting for java.lang.Object@"), stack);
            assertTrue(stack.contains("held by \"" + holder.getName() + "\""), stack);
            assertTrue(stack.contains("dev.encore.session.EngineWatchdogTest.lambda$"), stack);
            assertTrue(stack.contains("(EngineWatchdogTest.java:"), stack);
            waiterThread = waiter;
        }
        waiterThread.join(10_000);
        assertFalse(waiterThread.isAlive());
    }
}
