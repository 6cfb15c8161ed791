package dev.encore.session;

import dev.encore.store.Disk;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/** The local disk, except that new files fail with "No space left on device" while {@link #full} is set. */
final class FullDisk implements Disk {
    private final Disk local = Disk.local();
    volatile boolean full;

    @Override
    public WriteHandle create(Path file) throws IOException {
        if (full) {
            throw new IOException("No space left on device");
        }
        return local.create(file);
    }

    @Override
    public FileChannel openRead(Path file) throws IOException {
        return local.openRead(file);
    }

    @Override
    public void move(Path from, Path to) throws IOException {
        local.move(from, to);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        local.syncDirectory(dir);
    }

    @Override
    public void delete(Path file) throws IOException {
        local.delete(file);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        local.createDirectories(dir);
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        return local.list(dir);
    }

    @Override
    public long size(Path file) throws IOException {
        return local.size(file);
    }
}
