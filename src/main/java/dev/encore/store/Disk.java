package dev.encore.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * The file operations the store makes (blobs, journal segments, the index image, the folder lock),
 * behind one narrow interface so that tests can inject disk-full, permission and read-only
 * failures and crashes at any step. The real one is {@link #local()}.
 */
public interface Disk {

    /** A file being written: bytes go in order, {@link #force()} makes them durable. */
    interface WriteHandle extends Closeable {
        void write(ByteBuffer src) throws IOException;

        void force() throws IOException;
    }

    /** An existing file of fixed size written in place: a journal segment. */
    interface PositionalHandle extends Closeable {
        /** Writes all of {@code src} at {@code position}. */
        void write(ByteBuffer src, long position) throws IOException;

        /** Forces the written bytes but not the file's metadata (fdatasync): the size never changes. */
        void force() throws IOException;
    }

    /** Creates a new file for writing; fails if it exists. */
    WriteHandle create(Path file) throws IOException;

    /** Opens a file for reading (and read-only mapping). */
    FileChannel openRead(Path file) throws IOException;

    /** Opens an existing file for writing in place. */
    PositionalHandle openInPlace(Path file) throws IOException;

    /** Renames atomically, replacing the target if it exists. */
    void move(Path from, Path to) throws IOException;

    /** Forces a directory's entries (new names, renames, deletions) to disk. */
    void syncDirectory(Path dir) throws IOException;

    /** Deletes the file if it exists. */
    void delete(Path file) throws IOException;

    void createDirectories(Path dir) throws IOException;

    /** The names (not paths) of the entries in a directory; empty when it does not exist. */
    List<String> list(Path dir) throws IOException;

    long size(Path file) throws IOException;

    /**
     * Writes a small file so that a crash leaves either the old or the new content, never a mix:
     * temp file, write, force, atomic rename, directory sync.
     */
    default void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        delete(temp);
        try (WriteHandle out = create(temp)) {
            out.write(ByteBuffer.wrap(bytes));
            out.force();
        } catch (IOException | RuntimeException e) {
            delete(temp);
            throw e;
        }
        move(temp, target);
        syncDirectory(target.getParent());
    }

    static Disk local() {
        return LocalDisk.INSTANCE;
    }
}
