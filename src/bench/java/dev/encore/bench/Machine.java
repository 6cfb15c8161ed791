package dev.encore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** What the figures were measured on, for the results page. */
final class Machine {
    private Machine() {
    }

    static String describe(Instant when) {
        return "- date: " + when + "\n"
                + "- processors (nproc): " + Runtime.getRuntime().availableProcessors() + "\n"
                + "- CPU: " + cpuModel() + "\n"
                + "- JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + "\n"
                + "- OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch") + "\n"
                + "- temp folder (where the store and audio live): " + System.getProperty("java.io.tmpdir");
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }
}
