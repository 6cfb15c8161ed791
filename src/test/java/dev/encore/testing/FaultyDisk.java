package dev.encore.testing;

import dev.encore.store.Disk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * A real local disk that starts failing on command, the way a full disk, a permission change or a
 * read-only remount fails: writes (and creating files) throw the IOException the test supplies.
 */
public final class FaultyDisk implements Disk {
    private final Disk real = Disk.local();
    private volatile Supplier<IOException> failure;
    private volatile long bytesUntilFailure = Long.MAX_VALUE;

    /** From now on, writes fail after {@code bytes} more bytes, with the given error. */
    public void failAfter(long bytes, Supplier<IOException> error) {
        this.bytesUntilFailure = bytes;
        this.failure = error;
    }

    public void heal() {
        this.failure = null;
        this.bytesUntilFailure = Long.MAX_VALUE;
    }

    public static IOException diskFull() {
        return new IOException("No space left on device");
    }

    @Override
    public WriteHandle create(Path file) throws IOException {
        if (failure != null && bytesUntilFailure <= 0) {
            throw failure.get();
        }
        WriteHandle out = real.create(file);
        return new WriteHandle() {
            @Override
            public void write(ByteBuffer src) throws IOException {
                if (failure != null) {
                    if (bytesUntilFailure < src.remaining()) {
                        bytesUntilFailure = 0;
                        throw failure.get();
                    }
                    bytesUntilFailure -= src.remaining();
                }
                out.write(src);
            }

            @Override
            public void force() throws IOException {
                out.force();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    @Override
    public PositionalHandle openInPlace(Path file) throws IOException {
        PositionalHandle out = real.openInPlace(file);
        return new PositionalHandle() {
            @Override
            public void write(ByteBuffer src, long position) throws IOException {
                if (failure != null) {
                    if (bytesUntilFailure < src.remaining()) {
                        bytesUntilFailure = 0;
                        throw failure.get();
                    }
                    bytesUntilFailure -= src.remaining();
                }
                out.write(src, position);
            }

            @Override
            public void force() throws IOException {
                out.force();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    @Override
    public FileChannel openRead(Path file) throws IOException {
        return real.openRead(file);
    }

    @Override
    public void move(Path from, Path to) throws IOException {
        real.move(from, to);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        real.syncDirectory(dir);
    }

    @Override
    public void delete(Path file) throws IOException {
        real.delete(file);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        real.createDirectories(dir);
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        return real.list(dir);
    }

    @Override
    public long size(Path file) throws IOException {
        return real.size(file);
    }
}
