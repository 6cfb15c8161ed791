package dev.encore.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress a person watches: the bar's text, when it is drawn, and the one line per step a script reads. */
class ProgressDisplayTest {
    private static final long MIB = 1 << 20;
    private final AtomicLong now = new AtomicLong(0);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream to = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private ProgressDisplay display(ProgressDisplay.Mode mode) {
        return new ProgressDisplay(to, mode, ProgressDisplay.Unit.BYTES, now::get);
    }

    private String shown() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void at(double seconds) {
        now.set((long) (seconds * 1e9));
    }

    @Test
    void aBarShowsTheStepPercentBytesRateAndTimeLeftInAFixedWidth() {
        String bar = ProgressDisplay.bar("storing audio", 350 * MIB, 700 * MIB, 2.0, ProgressDisplay.Unit.BYTES);
        assertEquals(ProgressDisplay.WIDTH, bar.length(), bar);
        assertTrue(bar.startsWith("storing audio ["), bar);
        assertTrue(bar.contains(" 50%  350.0 MiB of 700.0 MiB  175.0 MiB/s  2 s left"), bar);
        String cells = bar.substring(bar.indexOf('[') + 1, bar.indexOf(']'));
        assertEquals(cells.length() / 2, cells.chars().filter(c -> c == '#').count(), bar);
    }

    @Test
    void aFinishedBarIsFullAndSaysDoneAndALongWaitIsInMinutes() {
        String done = ProgressDisplay.bar("checking the bundle", 700 * MIB, 700 * MIB, 1.4, ProgressDisplay.Unit.BYTES);
        assertTrue(done.contains("100%") && done.endsWith("done" + " ".repeat(done.length() - done.indexOf("done") - 4)), done);
        assertFalse(done.substring(done.indexOf('['), done.indexOf(']')).contains("-"), done);
        String slow = ProgressDisplay.bar("storing audio", 10 * MIB, 700 * MIB, 10.0, ProgressDisplay.Unit.BYTES);
        assertTrue(slow.contains("11 min 30 s left"), slow);
        String before = ProgressDisplay.bar("storing audio", 0, 700 * MIB, 0.0, ProgressDisplay.Unit.BYTES);
        assertTrue(before.contains("  0%") && before.contains("--"), "no rate yet, no time left: " + before);
    }

    @Test
    void filesAreCountedAsFiles() {
        assertTrue(ProgressDisplay.bar("checking audio", 3, 8, 1.0, ProgressDisplay.Unit.FILES).contains("3 files of 8 files  3 files/s"));
        assertEquals("checking audio: 1 file in 0.5 s (2 files/s)", ProgressDisplay.line("checking audio", 1, 0.5, ProgressDisplay.Unit.FILES));
    }

    @Test
    void theBarAppearsOnlyAfterASecondAndIsRedrawnAtMostTenTimesASecond() {
        try (ProgressDisplay d = display(ProgressDisplay.Mode.BAR)) {
            for (int i = 0; i < 100; i++) {
                at(i * 0.01);
                d.advanced("storing audio", i * MIB, 200 * MIB);
            }
            assertEquals("", shown(), "nothing in the first second");
            for (int i = 100; i <= 200; i++) {
                at(i * 0.01);
                d.advanced("storing audio", i * MIB, 200 * MIB);
            }
        }
        String out = shown();
        long redraws = out.chars().filter(c -> c == '\r').count();
        assertTrue(redraws >= 10 && redraws <= 12, redraws + " redraws in one second, plus the final one: " + out);
        assertTrue(out.endsWith("\n"), "the finished bar ends its line");
        assertTrue(out.substring(out.lastIndexOf('\r')).contains("100%"), out);
    }

    @Test
    void withoutATerminalEachStepIsOneLineWhenItEnds() {
        try (ProgressDisplay d = display(ProgressDisplay.Mode.LINES)) {
            at(0);
            d.advanced("checking the bundle", 0, 100 * MIB);
            at(0.5);
            d.advanced("checking the bundle", 100 * MIB, 100 * MIB);
            d.advanced("storing audio", 0, 50 * MIB);
            at(1.0);
            d.advanced("storing audio", 50 * MIB, 50 * MIB);
        }
        assertEquals("checking the bundle: 100.0 MiB in 0.5 s (200.0 MiB/s)" + System.lineSeparator()
                + "storing audio: 50.0 MiB in 0.5 s (100.0 MiB/s)" + System.lineSeparator(), shown());
    }

    @Test
    void quietShowsNothingAtAll() {
        try (ProgressDisplay d = display(ProgressDisplay.Mode.QUIET)) {
            for (int i = 0; i <= 300; i++) {
                at(i * 0.01);
                d.advanced(i < 150 ? "checking the bundle" : "storing audio", i, 300);
            }
        }
        assertEquals("", shown());
    }
}
