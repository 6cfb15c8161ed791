package dev.encore.testing;

import dev.encore.store.Disk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * A real local disk with a hook before every step, for test disks that fail the way real ones do.
 * Subclasses decide what a write, a change (create, force, rename, folder sync, delete) and a read
 * do before they reach the disk.
 */
abstract class InterceptingDisk implements Disk {
    /** What a write hook may do besides throwing: write part of the bytes, as a torn write does. */
    interface Partial {
        void write(ByteBuffer part) throws IOException;
    }

    private final Disk real = Disk.local();

    /** Before {@code src} is written; may throw, after writing part of it through {@code partial}. */
    protected abstract void beforeWrite(ByteBuffer src, Partial partial) throws IOException;

    /** Before a change that is not a write: {@code create}, {@code force}, {@code move}, {@code sync} or {@code delete}. */
    protected abstract void beforeChange(String step) throws IOException;

    /** Before a read or a listing. */
    protected void beforeRead() {
    }

    @Override
    public WriteHandle create(Path file) throws IOException {
        beforeChange("create");
        WriteHandle out = real.create(file);
        return new WriteHandle() {
            @Override
            public void write(ByteBuffer src) throws IOException {
                beforeWrite(src, out::write);
                out.write(src);
            }

            @Override
            public void force() throws IOException {
                beforeChange("force");
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
                beforeWrite(src, part -> out.write(part, position));
                out.write(src, position);
            }

            @Override
            public void force() throws IOException {
                beforeChange("force");
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
        beforeRead();
        return real.openRead(file);
    }

    @Override
    public void move(Path from, Path to) throws IOException {
        beforeChange("move");
        real.move(from, to);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        beforeChange("sync");
        real.syncDirectory(dir);
    }

    @Override
    public void delete(Path file) throws IOException {
        beforeChange("delete");
        real.delete(file);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        beforeRead();
        real.createDirectories(dir);
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        beforeRead();
        return real.list(dir);
    }

    @Override
    public long size(Path file) throws IOException {
        beforeRead();
        return real.size(file);
    }
}
