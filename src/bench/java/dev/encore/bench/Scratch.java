package dev.encore.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A benchmark's own folder under the system temp dir, deleted with everything in it when the trial
 * ends, so hundreds of megabytes of audio never outlive a run.
 */
final class Scratch implements AutoCloseable {
    private final Path dir;

    Scratch(String prefix) {
        try {
            dir = Files.createTempDirectory("encore-bench-" + prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    Path resolve(String name) {
        return dir.resolve(name);
    }

    /** Deletes the folder, unless {@code -Dencore.bench.keep=true} asks to keep it for a look at the logs. */
    @Override
    public void close() {
        if (Boolean.getBoolean("encore.bench.keep")) {
            System.out.println("Kept " + dir);
            return;
        }
        deleteTree(dir);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
