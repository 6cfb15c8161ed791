package dev.encore.app;

import static dev.encore.app.DaemonTest.assertError;
import static dev.encore.app.DaemonTest.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.audio.Ffmpeg;
import dev.encore.audio.MediaFolders;
import dev.encore.control.CommandRouter;
import dev.encore.control.map.ControlMapReader;
import dev.encore.control.osc.Heartbeat;
import dev.encore.control.osc.JavaOscServer;
import dev.encore.control.osc.OscConfig;
import dev.encore.session.SessionEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import that never completes (its decoder, a real child process standing in for a hung ffmpeg,
 * never writes a byte) does not outlive a cancel or the engine: the real engine behind the real OSC
 * server and command router, driven over UDP on 127.0.0.1. Runs without ffmpeg installed.
 */
class EngineImportStopTest {
    @TempDir
    Path dir;
    private Path pids;
    private SessionEngine engine;
    private JavaOscServer server;
    private OscClient osc;
    private Set<Thread> audioThreadsBefore;

    @BeforeEach
    void start() throws IOException {
        Path media = Files.createDirectories(dir.resolve("media"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        pids = dir.resolve("pids");
        Path ffmpeg = Files.writeString(bin.resolve("ffmpeg"), "#!/bin/sh\nsleep 600 &\necho $$ $! > " + pids + "\nwait\n");
        assertTrue(ffmpeg.toFile().setExecutable(true));
        Files.write(media.resolve("never.mp3"), new byte[20_000]);
        audioThreadsBefore = audioThreads();
        engine = SessionEngine.builder(dir.resolve("data")).media(MediaFolders.of(media)).ffmpeg(Ffmpeg.onPath(bin.toString())).start();
        osc = new OscClient();
        server = new JavaOscServer(OscConfig.defaults().withBindHost("127.0.0.1").withPort(0).withReplyPort(osc.port())
                .withHeartbeatInterval(Duration.ZERO).withMaxTcpClients(0));
        server.start(new CommandRouter(ControlMapReader.defaults(), engine, server), seq -> new Heartbeat("saved", 0, false));
        osc.to(server.port());
    }

    @AfterEach
    void stop() throws IOException {
        engine.close();
        server.close();
        osc.close();
    }

    @Test
    void closingTheEngineStopsAnImportThatNeverCompletesWithinASecond() throws Exception {
        osc.send("/encore/track/import", "never.mp3");
        awaitPids();
        assertOk(osc.request("/encore/ping"));
        long start = System.nanoTime();
        engine.close();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("Closing the engine with an import waiting on a hung decoder took " + ms + " ms");
        assertError(-12, osc.answerTo("/encore/track/import"), "The engine stopped before the import of 'never.mp3' finished");
        assertTrue(ms < 3_000, "close took " + ms + " ms; the target is 1 s");
        assertDecoderGone();
        assertEquals(Set.of(), audioThreads().stream().filter(t -> !audioThreadsBefore.contains(t)).collect(Collectors.toSet()),
                "no audio worker of this engine is left running");
    }

    @Test
    void cancellingAnImportThatNeverCompletesAnswersItAndKillsItsDecoder() throws Exception {
        osc.send("/encore/track/import", "never.mp3");
        awaitPids();
        long start = System.nanoTime();
        assertOk(osc.request("/encore/track/cancel", "never.mp3"));
        assertError(-12, osc.answerTo("/encore/track/import"), "The import of 'never.mp3' was cancelled; nothing was kept.");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("Cancelling an import waiting on a hung decoder was answered after " + ms + " ms");
        assertDecoderGone();
        assertError(-2, osc.request("/encore/track/remove", 1), "No track 1");
        assertError(-2, osc.request("/encore/track/cancel"), "No import is running");
    }

    private void awaitPids() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(Files.exists(pids) && Files.readString(pids).trim().contains(" ")) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(Files.exists(pids), "the decoder was started");
    }

    private void assertDecoderGone() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (String id : Files.readString(pids).trim().split("\\s+")) {
            while (alive(id) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertFalse(alive(id), "decoder process " + id + " is gone");
        }
    }

    private static boolean alive(String pid) {
        return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Set<Thread> audioThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("encore-audio-") && t.isAlive()).collect(Collectors.toSet());
    }
}
