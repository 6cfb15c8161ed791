package dev.encore.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** {@link Disk} on the local file system through NIO. */
final class LocalDisk implements Disk {
    static final LocalDisk INSTANCE = new LocalDisk();

    private LocalDisk() {
    }

    @Override
    public WriteHandle create(Path file) throws IOException {
        return new Handle(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), true);
    }

    @Override
    public PositionalHandle openInPlace(Path file) throws IOException {
        return new Handle(FileChannel.open(file, StandardOpenOption.WRITE), false);
    }

    /**
     * A file open for writing: a new file is forced with its metadata (its length changes as it
     * is written), a preallocated one in place with its data only (fdatasync).
     */
    private record Handle(FileChannel channel, boolean withMetadata) implements WriteHandle, PositionalHandle {
        @Override
        public void write(ByteBuffer src) throws IOException {
            while (src.hasRemaining()) {
                channel.write(src);
            }
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            long at = position;
            while (src.hasRemaining()) {
                at += channel.write(src, at);
            }
        }

        @Override
        public void force() throws IOException {
            channel.force(withMetadata);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    @Override
    public FileChannel openRead(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    @Override
    public void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        // Linux and macOS allow opening a directory read-only and fsyncing it; that is what makes a
        // rename durable. Windows refuses to open directories, where rename durability is the
        // file system's own.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (System.getProperty("os.name", "").startsWith("Windows")) {
                return;
            }
            throw e;
        }
    }

    @Override
    public void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        Files.createDirectories(dir);
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                names.add(p.getFileName().toString());
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return names;
    }

    @Override
    public long size(Path file) throws IOException {
        return Files.size(file);
    }
}
