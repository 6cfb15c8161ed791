package dev.encore.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The repository's {@code bin/encore}, run as a child process exactly as a person, systemd or nsmd
 * runs it: {@code /bin/sh} reads it, it finds {@code target/encore.jar} beside it and execs Java.
 * The JVM gets the same quick-start options as the other black-box tests, through the launcher's
 * {@code ENCORE_JAVA_OPTIONS}, and no start-up archive unless a test names a cache folder.
 */
final class Launcher {
    static final String QUICK_JVM = "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    private Launcher() {
    }

    /** {@code bin/encore} of this checkout; failsafe runs in the project folder. */
    static Path script() {
        Path script = Path.of("bin", "encore").toAbsolutePath();
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException(script + " is missing or not executable");
        }
        return script;
    }

    /** Starts {@code script args...} in {@code workDir} with {@code env} added, output to {@code output}. */
    static Process launch(Path script, Path workDir, Path output, Map<String, String> env, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("NSM_URL");
        builder.environment().remove("ENCORE_JAR");
        builder.environment().put("ENCORE_JAVA_OPTIONS", QUICK_JVM);
        builder.environment().put("ENCORE_CACHE", "off"); // no start-up archive in the home folder; StartupArchiveIT sets one
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Runs {@code script args...} to its end (killed after {@code timeout}). */
    static EncoreJar.Finished run(Path script, Path workDir, Path output, Map<String, String> env, Duration timeout, String... args)
            throws IOException, InterruptedException {
        Process p = launch(script, workDir, output, env, List.of(args));
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(script + " " + String.join(" ", args) + " did not end within " + timeout
                    + "; it printed:\n" + Files.readString(output));
        }
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        return new EncoreJar.Finished(command, p.exitValue(), Files.readString(output));
    }
}
