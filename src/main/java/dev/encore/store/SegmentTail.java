package dev.encore.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal segment records are appended to: preallocated zeros, so that an append is one
 * positional write and one {@code force(false)}, with no change to the file's size or the folder.
 * The next segment is created (zeros, forced, renamed, folder synced) before the first record that
 * does not fit. Not thread-safe: the journal calls it under the store's lock.
 */
final class SegmentTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentTail.class);

    private final Path dir;
    private final Disk disk;
    private Disk.PositionalHandle handle;
    private int number;
    private long size;
    private long appendAt;

    /** No segment open yet: the first append creates one. */
    SegmentTail(Path dir, Disk disk) {
        this.dir = dir;
        this.disk = disk;
    }

    /** Opens segment {@code name} ({@code number}, {@code size} bytes) to append after {@code appendAt}. */
    SegmentTail(Path dir, Disk disk, String name, int number, long size, long appendAt) throws IOException {
        this(dir, disk);
        this.handle = disk.openInPlace(dir.resolve(name));
        this.number = number;
        this.size = size;
        this.appendAt = appendAt;
    }

    /** The number of the segment appended to, 0 before the first. */
    int number() {
        return number;
    }

    /** Whether a record of {@code bytes} fits in the segment open. */
    boolean fits(int bytes) {
        return handle != null && appendAt + bytes <= size;
    }

    /**
     * Writes {@code record} at the append position and, when {@code force}, forces it; returns the
     * offset it was written at. On failure nothing counts: the space is zeroed (as far as the disk
     * allows) and reused.
     */
    long write(ByteBuffer record, boolean force) throws IOException {
        int bytes = record.remaining();
        try {
            handle.write(record, appendAt);
            if (force) {
                handle.force();
            }
        } catch (IOException | RuntimeException e) {
            voidFailedWrite(bytes, e);
            throw e;
        }
        long at = appendAt;
        appendAt += bytes;
        return at;
    }

    /** Creates segment {@code name} ({@code number}) of {@code bytes}, zeros, forced, then named, and appends there from now on. */
    void startNext(String name, int nextNumber, long bytes) throws IOException {
        Path file = dir.resolve(name);
        Path temp = dir.resolve(name + ".tmp");
        disk.delete(temp);
        try (Disk.WriteHandle out = disk.create(temp)) {
            ByteBuffer zeros = ByteBuffer.allocateDirect((int) Math.min(bytes, 1 << 20));
            for (long left = bytes; left > 0; left -= zeros.capacity()) {
                zeros.clear().limit((int) Math.min(left, zeros.capacity()));
                out.write(zeros);
            }
            out.force();
        } catch (IOException | RuntimeException e) {
            disk.delete(temp);
            throw e;
        }
        disk.move(temp, file);
        disk.syncDirectory(dir);
        Disk.PositionalHandle next = disk.openInPlace(file);
        if (handle != null) {
            handle.force();
            handle.close();
        }
        handle = next;
        number = nextNumber;
        size = bytes;
        appendAt = 0;
    }

    /** Forces what was written without forcing (a compaction's copies). */
    void force() throws IOException {
        if (handle != null) {
            handle.force();
        }
    }

    /** Opens the same segment again after {@link #close}, to append where it left off. */
    SegmentTail reopened(String name) throws IOException {
        return new SegmentTail(dir, disk, name, number, size, appendAt);
    }

    @Override
    public void close() throws IOException {
        if (handle != null) {
            handle.close();
            handle = null;
        }
    }

    private void voidFailedWrite(int bytes, Exception cause) {
        try {
            handle.write(ByteBuffer.allocate(Math.min(bytes, SegmentScan.HEADER)), appendAt);
            handle.force();
        } catch (IOException | RuntimeException again) {
            cause.addSuppressed(again);
            LOG.warn("A failed journal write at {} could not be cleared ({}); it was never acknowledged", appendAt, again.toString());
        }
    }
}
