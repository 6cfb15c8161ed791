package dev.encore.store;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Streams one new blob to a temp file, hashing the bytes on the way; {@link #commit()} makes it
 * durable and gives it its content name. Closing without committing deletes the temp file. Not
 * thread-safe: one writer belongs to one task on the audio executor.
 */
public final class BlobWriter implements AutoCloseable {
    private static final int STAGING_BYTES = 1 << 20;

    private final BlobStore store;
    private final Path temp;
    private final Disk.WriteHandle out;
    private final ContentHash hash = new ContentHash();
    private final long maxBytes;
    private ByteBuffer staging;
    private long written;
    private boolean done;

    BlobWriter(BlobStore store, Path temp, Disk.WriteHandle out, long maxBytes) {
        this.store = store;
        this.temp = temp;
        this.out = out;
        this.maxBytes = maxBytes;
    }

    /** Appends all remaining bytes of {@code src}. */
    public BlobWriter write(ByteBuffer src) {
        ensureOpen();
        flushStaging();
        append(src);
        return this;
    }

    public BlobWriter write(byte[] bytes, int offset, int length) {
        return write(ByteBuffer.wrap(bytes, offset, length));
    }

    /** Appends samples as float32 little-endian, through a reused off-heap staging buffer. */
    public BlobWriter writeFloats(float[] samples, int offset, int length) {
        ensureOpen();
        if (staging == null) {
            staging = ByteBuffer.allocateDirect(STAGING_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        }
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (staging.remaining() < Float.BYTES) {
                flushStaging();
            }
            staging.putFloat(samples[i]);
        }
        return this;
    }

    /** Bytes written so far. */
    public long size() {
        return written + (staging == null ? 0 : staging.position());
    }

    /**
     * Forces the bytes to disk and renames the temp file to the content hash, or drops it when the
     * same bytes are already stored. The returned asset is protected from collection until a
     * session, draft or live track references it (see {@link BlobStore#collect}).
     */
    public AssetId commit() {
        ensureOpen();
        flushStaging();
        done = true;
        try {
            out.force();
            out.close();
        } catch (IOException e) {
            store.discard(temp);
            throw StorageFailure.of(e, "writing audio");
        }
        return store.publish(temp, AssetId.of(hash.hex()), written);
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            out.close();
        } catch (IOException ignored) {
            // The temp file is deleted next; nothing of it is kept.
        }
        store.discard(temp);
    }

    private void flushStaging() {
        if (staging != null && staging.position() > 0) {
            staging.flip();
            append(staging);
            staging.clear();
        }
    }

    private void append(ByteBuffer src) {
        int n = src.remaining();
        if (written + n > maxBytes) {
            close();
            throw new EncoreException(Reason.UNSUPPORTED_AUDIO,
                    "Audio larger than " + (maxBytes >> 20) + " MiB cannot be stored as one asset; trim or split the file.");
        }
        hash.update(src);
        try {
            out.write(src);
        } catch (IOException e) {
            close();
            throw StorageFailure.of(e, "writing audio");
        }
        written += n;
    }

    private void ensureOpen() {
        if (done) {
            throw new IllegalStateException("blob writer already committed or closed");
        }
    }
}
