package dev.encore.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepTest {
    @Test
    void shownQuotesWhatAShellWouldSplitOrExpand() {
        assertEquals("launchctl bootstrap gui/501 '/Users/me/My Show/a.plist' 'it'\\''s'",
                new Step(List.of("launchctl", "bootstrap", "gui/501", "/Users/me/My Show/a.plist", "it's"), false).shown());
    }

    @Test
    void runGivesTheExitCodeAndTheOutputOfBothStreams() {
        Step.Ran ran = Step.of("sh", "-c", "echo out; echo err >&2; exit 3").run();
        assertEquals(3, ran.exitCode());
        assertTrue(ran.output().contains("out") && ran.output().contains("err"), ran.output());
        assertFalse(ran.ok());
        assertTrue(Step.of("true").run().ok());
    }

    @Test
    void aProgramThatIsNotThereIsAFailureWithItsName() {
        Step.Ran ran = Step.of("encore-no-such-tool").run();
        assertEquals(-1, ran.exitCode());
        assertTrue(ran.output().startsWith("cannot run encore-no-such-tool"), ran.output());
        assertFalse(Step.onPath("encore-no-such-tool"));
        assertTrue(Step.onPath("sh"));
    }
}
