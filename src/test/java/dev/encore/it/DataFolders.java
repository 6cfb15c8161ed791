package dev.encore.it;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What a stagehand does to a data folder from outside Encore: copy it, list it, remove from it, damage it. */
final class DataFolders {
    private DataFolders() {
    }

    /** Copies a whole folder, as a backup or a fresh trial needs. */
    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path p : tree.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Removes a file, or a folder with everything in it. */
    static void remove(Path entry) throws IOException {
        try (Stream<Path> tree = Files.walk(entry)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Every non-empty regular file under {@code root}, as paths relative to it, sorted; none under {@code skipped} folders. */
    static List<Path> nonEmptyFiles(Path root, List<String> skipped) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            return tree.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .filter(p -> !skipped.contains(p.getName(0).toString()))
                    .filter(p -> size(root.resolve(p)) > 0)
                    .sorted()
                    .toList();
        }
    }

    /** Flips one bit of one byte in place, as a failing disk or cable does, without changing the file's size. */
    static void flipBit(Path file, long offset, int bit) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            if (ch.read(one, offset) != 1) {
                throw new IOException("no byte at " + offset + " of " + file);
            }
            one.put(0, (byte) (one.get(0) ^ (1 << bit))).rewind();
            ch.write(one, offset);
            ch.force(false);
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
