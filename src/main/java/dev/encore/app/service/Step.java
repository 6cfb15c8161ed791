package dev.encore.app.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One command of a platform tool (systemctl, launchctl), run by the service commands or printed for
 * a person to type where the tool cannot run here. {@code mayFail} marks a step whose failure is
 * expected in a normal case (unloading an agent that is not loaded).
 */
public record Step(List<String> words, boolean mayFail) {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+-]+");
    private static final long TIMEOUT_S = 60;

    public Step {
        words = List.copyOf(words);
    }

    public static Step of(String... words) {
        return new Step(List.of(words), false);
    }

    /** What the tool printed and how it ended. */
    public record Ran(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** The command as a person types it in a POSIX shell. */
    public String shown() {
        return words.stream().map(w -> PLAIN.matcher(w).matches() ? w : "'" + w.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
    }

    /** Runs the command, its output and errors together; a command that hangs is killed after a minute. */
    public Ran run() {
        Path output = null;
        try {
            output = Files.createTempFile("encore-service", ".txt");
            Process process = new ProcessBuilder(words).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Ran(-1, shown() + " did not finish within " + TIMEOUT_S + " s");
            }
            return new Ran(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return new Ran(-1, "cannot run " + words.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Ran(-1, shown() + " was interrupted");
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // A temp file left behind is harmless; the command's result is what matters.
                }
            }
        }
    }

    /** True when {@code program} is an executable file in a folder of PATH. */
    public static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String folder : path.split(java.io.File.pathSeparator)) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
    }
}
