package dev.encore.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code target/encore.jar}, started as its own JVM exactly as a performer types
 * {@code java -jar encore.jar ...}. Failsafe names the jar in the system property {@code encore.jar};
 * every child writes stdout and stderr together to a file, which keeps every byte even when the
 * child is killed.
 */
final class EncoreJar {
    /** The property that names the jar; set by the failsafe configuration in pom.xml. */
    static final String JAR_PROPERTY = "encore.jar";

    private EncoreJar() {
    }

    /** What a command printed and how it ended. */
    record Finished(List<String> command, int exitCode, String output) {
        @Override
        public String toString() {
            return String.join(" ", command) + " exited " + exitCode + " and printed:\n" + output;
        }
    }

    static Path jar() {
        String name = System.getProperty(JAR_PROPERTY);
        if (name == null) {
            throw new IllegalStateException("System property " + JAR_PROPERTY + " is not set: run the *IT tests"
                    + " with `mvn verify`, which packages target/encore.jar first.");
        }
        Path jar = Path.of(name);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: run `mvn verify`, which packages it first.");
        }
        return jar;
    }

    /**
     * {@code java -jar encore.jar args...} with this JVM's java. The tests start dozens of short-lived
     * JVMs on a small machine: the client compiler and the serial collector start them in about
     * two thirds of the time, and neither changes what Encore does.
     */
    static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(args);
        return command;
    }

    /** Starts {@code java -jar encore.jar args...} in {@code workDir}, its output going to {@code output}. */
    static Process launch(Path workDir, Path output, List<String> args) throws IOException {
        return new ProcessBuilder(command(args))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }

    /** Runs a command that ends by itself (a rebuild, a refused start); kills it after {@code timeout}. */
    static Finished run(Path workDir, Path output, Duration timeout, List<String> args)
            throws IOException, InterruptedException {
        Process p = launch(workDir, output, args);
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command(args)) + " did not end within " + timeout
                    + "; it printed:\n" + Files.readString(output));
        }
        return new Finished(command(args), p.exitValue(), Files.readString(output));
    }
}
