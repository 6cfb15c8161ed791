package dev.encore.bench;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts Encore as its own JVM, the way a performer starts it: the daemon ({@code dev.encore.app.Main}
 * with {@code --data}, {@code --osc-port} and {@code --reply-port}) when this build contains it,
 * otherwise {@link EngineOnOsc}, the real engine behind the real OSC server. Also starts the bare
 * JVM that only answers UDP, the start-up baseline.
 */
final class EncoreProcess {
    static final String DAEMON_MAIN = "dev.encore.app.Main";
    static final String DAEMON_MARKER = "dev.encore.app.Daemon";

    private EncoreProcess() {
    }

    /** True when the daemon is part of this build; otherwise {@link EngineOnOsc} stands in for it. */
    static boolean daemonPresent() {
        try {
            Class.forName(DAEMON_MARKER, false, EncoreProcess.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static String describe() {
        return daemonPresent() ? "the daemon (" + DAEMON_MAIN + ")" : "EngineOnOsc (engine + JavaOscServer; the daemon is not in this build)";
    }

    static Process encore(Path dataDir, int port, int replyPort, Path log) throws IOException {
        List<String> args = daemonPresent()
                ? List.of(DAEMON_MAIN, "--data", dataDir.toString(), "--osc-port", Integer.toString(port),
                        "--reply-port", Integer.toString(replyPort))
                : List.of(EngineOnOsc.class.getName(), dataDir.toString(), Integer.toString(port), Integer.toString(replyPort));
        return java(args, log);
    }

    /** {@code bin/encore} of the checkout the benchmarks run in; {@code -Dencore.launcher=PATH} names another. */
    static Path launcherScript() {
        Path script = Path.of(System.getProperty("encore.launcher", "bin/encore")).toAbsolutePath();
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException(script + " is not there: run the benchmarks in the Encore folder, or pass"
                    + " -Dencore.launcher=PATH/bin/encore");
        }
        return script;
    }

    /**
     * The daemon started as README starts it, through {@code bin/encore} (with this benchmark's Java as
     * JAVA_HOME), keeping its start-up archive in {@code cache}.
     */
    static Process launcher(Path cache, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(launcherScript().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("ENCORE_CACHE", cache.toString());
        builder.environment().remove("ENCORE_JAVA_OPTIONS");
        builder.environment().remove("ENCORE_JAR");
        builder.environment().remove("NSM_URL");
        return builder.start();
    }

    static Process launcherDaemon(Path cache, Path dataDir, int port, int replyPort, Path log) throws IOException {
        return launcher(cache, log, "--data", dataDir.toString(), "--osc-port", Integer.toString(port),
                "--reply-port", Integer.toString(replyPort));
    }

    static Process bareUdp(int port, Path log) throws IOException {
        return java(List.of(BareUdpAnswer.class.getName(), Integer.toString(port)), log);
    }

    private static Process java(List<String> mainAndArgs, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** A UDP port that was free a moment ago on 127.0.0.1. */
    static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** What both the daemon and {@link EngineOnOsc} print once their shutdown hook is in place. */
    static final String RUNNING_LINE = "Encore is running";

    /**
     * Waits until the process says it is running (its shutdown hook registered), so that stopping it
     * closes the store cleanly; a SIGTERM before that leaves the index to be rebuilt at the next start.
     */
    static void awaitRunning(Path log, long timeoutMs) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(RUNNING_LINE)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("No '" + RUNNING_LINE + "' in " + log + " within " + timeoutMs + " ms");
    }

    /** Asks the process to stop (SIGTERM, so the store closes cleanly) and waits for it. */
    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }
}
