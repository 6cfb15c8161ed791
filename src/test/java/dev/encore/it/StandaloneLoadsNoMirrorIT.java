package dev.encore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.app.OscClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With role standalone (the default) the daemon starts, saves and stops without loading one class of
 * JGroups or of the mirror, so its start-up and saves cost what they did before mirroring existed;
 * checked in the class-loading log of the real jar, against a primary that does load them.
 */
class StandaloneLoadsNoMirrorIT {
    private static final Pattern RUNNING = Pattern.compile("Encore is running\\. OSC on \\S+ port (\\d+)");

    @TempDir
    Path dir;

    @Test
    void aStandaloneDaemonLoadsNoJGroupsOrMirrorClassWhileAPrimaryDoes() throws Exception {
        String standalone = runAndSave(List.of());
        assertTrue(standalone.contains("dev.encore.store.SessionStore"), "the class log is there");
        assertFalse(loaded(standalone, "org.jgroups."), "a standalone daemon loaded JGroups");
        assertFalse(loaded(standalone, "dev.encore.mirror."), "a standalone daemon loaded the mirror");

        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String primary = runAndSave(List.of("--role", "primary", "--mirror-bind", "127.0.0.1:" + port,
                "--mirror-peer", "127.0.0.1:" + (port == 65_535 ? port - 1 : port + 1)));
        assertTrue(loaded(primary, "org.jgroups."), "a primary loads JGroups");
        assertTrue(loaded(primary, "dev.encore.mirror.Mirror"), "a primary loads the mirror");
    }

    private static boolean loaded(String classLog, String prefix) {
        return classLog.lines().anyMatch(l -> l.contains("[class,load] " + prefix));
    }

    /** Starts the jar with -verbose:class, saves a session over OSC, stops it; returns what it printed. */
    private String runAndSave(List<String> extra) throws Exception {
        Path data = Files.createTempDirectory(dir, "data");
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path map = dir.resolve("osc-map.yaml");
        Files.writeString(map, JarStage.MAP);
        try (OscClient osc = new OscClient()) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-verbose:class", "-jar", EncoreJar.jar().toString(),
                    "--data", data.toString(), "--map", map.toString(), "--osc-port", "0", "--reply-port", Integer.toString(osc.port())));
            command.addAll(extra);
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                int port = awaitPort(p, out);
                osc.to(port);
                assertEquals("/encore/reply", osc.request("/encore/save", "Song").address());
                p.destroy();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stopped on SIGTERM");
            } finally {
                p.destroyForcibly();
            }
        }
        return Files.readString(out);
    }

    private static int awaitPort(Process p, Path out) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + DaemonProcess.START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = RUNNING.matcher(Files.readString(out));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!p.isAlive()) {
                throw new AssertionError("the daemon exited: " + Files.readString(out));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the daemon did not start: " + Files.readString(out));
    }
}
