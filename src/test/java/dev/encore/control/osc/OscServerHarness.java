package dev.encore.control.osc;

import dev.encore.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A started server on an ephemeral 127.0.0.1 port with a recording engine, a settable clock and a
 * controller socket whose port is the reply port, as a TouchOSC tablet would be set up.
 */
abstract class OscServerHarness {
    final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T20:00:00Z"));
    final RecordingHandler handler = new RecordingHandler();
    final AtomicReference<Heartbeat> status = new AtomicReference<>(new Heartbeat("saved", 3, false));
    UdpProbe controller;
    JavaOscServer server;

    @BeforeEach
    void startServer() throws Exception {
        controller = new UdpProbe();
        server = startServer(config());
    }

    @AfterEach
    void stopServer() {
        server.stop();
        controller.close();
    }

    OscConfig config() {
        return OscConfig.defaults().withBindHost("127.0.0.1").withPort(0).withReplyPort(controller.port())
                .withHeartbeatInterval(Duration.ZERO);
    }

    JavaOscServer startServer(OscConfig config) {
        JavaOscServer started = new JavaOscServer(config, clock);
        started.start(handler, seq -> status.get());
        return started;
    }

    /** Sends a message from the controller: an address followed by its arguments. */
    void send(Object... addressAndArgs) throws Exception {
        controller.send(server.port(), OscBytes.message((String) addressAndArgs[0],
                Arrays.copyOfRange(addressAndArgs, 1, addressAndArgs.length)));
    }
}
