package dev.encore.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code java -jar encore.jar} daemon running as a child process: it is up once it prints
 * "Encore is running. OSC on ... port N" (its shutdown hook is in place by then), and it can be
 * stopped cleanly (SIGTERM), interrupted (SIGINT, as Ctrl-C) or killed (SIGKILL).
 */
final class DaemonProcess implements AutoCloseable {
    /** How long a start, a clean stop or a refusal may take on a loaded two-core machine. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** What the daemon prints once SIGTERM closed its store. */
    static final String STOPPED = "Encore stopped;";

    private static final Pattern RUNNING = Pattern.compile("Encore is running\\. OSC on \\S+ port (\\d+)");

    private final Process process;
    private final Path output;
    private final List<String> command;
    private int port = -1;

    private DaemonProcess(Process process, Path output, List<String> command) {
        this.process = process;
        this.output = output;
        this.command = command;
    }

    static DaemonProcess launch(Path workDir, Path output, List<String> args) throws IOException {
        return new DaemonProcess(EncoreJar.launch(workDir, output, args), output, EncoreJar.command(args));
    }

    /**
     * Waits until the daemon says it is running and returns its OSC port, or returns empty when it
     * exited first (a refused start).
     */
    OptionalInt awaitRunning() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = RUNNING.matcher(output());
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
                return OptionalInt.of(port);
            }
            if (!process.isAlive()) {
                process.waitFor();
                return OptionalInt.empty();
            }
            Thread.sleep(10);
        }
        process.destroyForcibly().waitFor();
        throw new AssertionError(String.join(" ", command) + " neither ran nor exited within " + START_TIMEOUT
                + "; it printed:\n" + output());
    }

    /** Waits until the process ends by itself; false when it is still running after {@code timeout}. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int port() {
        if (port < 0) {
            throw new IllegalStateException("the daemon has not said it is running");
        }
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    List<String> command() {
        return command;
    }

    /** Everything the process printed so far (stdout and stderr together). */
    String output() throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }

    /**
     * SIGTERM, as {@code kill pid} or a service manager does; returns once the daemon has said that it
     * stopped and closed its store (the JVM exits 143 after its shutdown hook).
     */
    void stop() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the daemon did not stop within " + STOP_TIMEOUT + " of SIGTERM; it printed:\n"
                    + output());
        }
        if (!output().contains(STOPPED)) {
            throw new AssertionError("the daemon did not stop cleanly on SIGTERM (exit " + process.exitValue()
                    + "); it printed:\n" + output());
        }
    }

    /** SIGINT, as Ctrl-C in a terminal; returns once the signal is sent. */
    void interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0 && process.isAlive()) {
            throw new IllegalStateException("kill -INT " + process.pid() + " failed");
        }
    }

    /** SIGKILL, as {@code kill -9} or a power cut does to the process; returns once it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("pid " + process.pid() + " survived SIGKILL for " + STOP_TIMEOUT);
        }
    }

    /** Kills the process if a test left it running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
