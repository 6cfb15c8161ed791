package dev.encore.app;

import static dev.encore.app.DaemonTest.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.app.OscClient.Message;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who keeps getting pushes, seen over real UDP from a display that only listens. */
class DaemonSubscribersTest {
    @TempDir
    Path dir;

    @Test
    void aDisplayThatSubscribedKeepsGettingHeartbeatsPastTheSubscriberTimeout() throws Exception {
        try (DaemonStage stage = new DaemonStage(dir, "osc:\n  host: 127.0.0.1\n  heartbeat_s: 1\n  subscriber_timeout_s: 1\n");
                OscClient display = new OscClient()) {
            display.to(stage.daemon().oscPort());
            display.send("/encore/subscribe", display.port());
            assertOk(display.answerTo("/encore/subscribe"));
            // Three timeouts of silence from this address; the display sends nothing more.
            Thread.sleep(3_000);
            display.drain();
            Message beat = display.await(m -> m.address().equals("/encore/heartbeat"));
            assertEquals("saved", beat.arg(1), beat.toString());
        }
    }

    @Test
    void aHeartbeatsExtraLineCarriesTheSameSequenceNumberAsTheHeartbeat() throws Exception {
        try (DaemonStage stage = new DaemonStage(dir, """
                osc:
                  host: 127.0.0.1
                  heartbeat_s: 1
                feedback:
                  - {event: heartbeat, address: /display/beat, args: ["{seq}", "{state}"]}
                """);
                OscClient display = new OscClient()) {
            display.to(stage.daemon().oscPort());
            display.send("/encore/subscribe", display.port());
            assertOk(display.answerTo("/encore/subscribe"));
            for (int i = 0; i < 2; i++) {
                Message line = display.await(m -> m.address().equals("/display/beat"));
                Message beat = display.await(m -> m.address().equals("/encore/heartbeat"));
                assertEquals(beat.arg(0), line.arg(0), "one counter: " + line + " then " + beat);
                assertEquals(beat.arg(1), line.arg(1), "the same state");
            }
        }
    }
}
