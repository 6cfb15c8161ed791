package dev.encore.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The shipper's failure lines: once per reason within the repeat window, again on a new reason, and once on recovery. */
class FailureLogTest {
    private static final String LOGGER = "dev.encore.mirror.FailureLogTest.shipper";
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            lines.add(r.getLevel() + " " + new SimpleFormatter().formatMessage(r));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger(LOGGER).addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger(LOGGER).removeHandler(capture);
    }

    @Test
    void aFailureThatRepeatsIsLoggedOnceANewReasonAtOnceAndTheRecoveryWithTheCount() {
        FailureLog log = new FailureLog(LoggerFactory.getLogger(LOGGER));
        log.taken("right", 3);
        assertEquals(List.of(), lines, "nothing to say while records are taken");
        for (int i = 0; i < 50; i++) {
            log.notTaken("right", 4, "it did not take the audio: The disk is full while writing audio.");
        }
        assertEquals(1, lines.size(), lines.toString());
        assertEquals("WARNING Backup right did not take record 4: it did not take the audio: The disk is full while writing audio;"
                + " it is behind, and is sent it again until it takes it", lines.get(0));
        log.notTaken("right", 4, "it did not answer (java.util.concurrent.TimeoutException)");
        assertEquals(2, lines.size(), "a new reason is said at once: " + lines);
        assertTrue(lines.get(1).endsWith("(49 more failed tries since the last line)"), lines.get(1));
        log.notTaken("right", 4, "it did not answer (java.util.concurrent.TimeoutException)");
        log.taken("right", 4);
        assertEquals(3, lines.size(), lines.toString());
        assertEquals("INFO Backup right takes records again (record 4) after 1 more failed try", lines.get(2));
        log.taken("right", 5);
        assertEquals(3, lines.size(), "recovery is said once");
        log.notTaken("right", 6, "it did not answer (java.util.concurrent.TimeoutException)");
        assertEquals(4, lines.size(), "a failure after a recovery is said again: " + lines);
    }

    @Test
    void failedSaysWhetherTheLineWasSaidSoWhatGoesWithItIsHeldBackAlike() {
        FailureLog log = new FailureLog(LoggerFactory.getLogger(LOGGER));
        assertTrue(log.failed("full", "WARNING-LINE full"));
        for (int i = 0; i < 10; i++) {
            assertFalse(log.failed("full", "WARNING-LINE full"), "try " + i);
        }
        assertTrue(log.failed("read-only", "WARNING-LINE read-only"), "a new cause is said");
        log.worked("works");
        assertTrue(log.failed("read-only", "WARNING-LINE read-only"), "the same cause after it worked is said again");
        assertEquals(4, lines.size(), lines.toString());
    }

    @Test
    void audioThisLaptopCannotReadIsSaidAsItsOwnWithTheNextStep() {
        FailureLog log = new FailureLog(LoggerFactory.getLogger(LOGGER));
        log.cannotSend("right", 9, "audio 00ff cannot be read on this laptop to send it: The file is gone.");
        assertEquals(List.of("WARNING Record 9 cannot go to backup right: audio 00ff cannot be read on this laptop to send it: The file is gone."
                + " The backup is behind from that record on. Send /encore/check (or run `encore check --data FOLDER`) on this laptop,"
                + " and import the track it names again."), lines);
    }
}
