package dev.encore.store;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Streams one new blob to a temp file; {@link #commit()} makes it durable and gives it its content
 * name, hashing the bytes back from the page cache while the disk flushes them. Closing without
 * committing deletes the temp file. Not thread-safe: one writer belongs to one task on the audio
 * executor.
 */
public final class BlobWriter implements AutoCloseable {
    private static final int STAGING_BYTES = 1 << 20;

    private final BlobStore store;
    private final Path temp;
    private final Disk.WriteHandle out;
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
        String hex;
        try {
            hex = forceWhileHashing();
            out.close();
        } catch (IOException e) {
            try {
                out.close();
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            store.discard(temp);
            throw StorageFailure.of(e, "writing audio");
        }
        return store.publish(temp, AssetId.of(hex), written);
    }

    /**
     * Flushes the file to disk on a second thread while this one hashes the bytes back from the page
     * cache: the hash then costs no time of its own whenever the disk is slower than the hash, which
     * is what keeps a first write of new audio close to a raw write and force of the same bytes.
     */
    private String forceWhileHashing() throws IOException {
        CompletableFuture<Void> forced = new CompletableFuture<>();
        Thread flusher = new Thread(() -> {
            try {
                out.force();
                forced.complete(null);
            } catch (IOException | RuntimeException e) {
                forced.completeExceptionally(e);
            }
        }, "encore-blob-flush");
        flusher.setDaemon(true);
        flusher.start();
        String hex;
        try {
            hex = hashWritten();
        } finally {
            awaitFlush(forced);
        }
        return hex;
    }

    private String hashWritten() throws IOException {
        ContentHash hash = new ContentHash();
        ByteBuffer chunk = staging != null ? staging : ByteBuffer.allocateDirect(STAGING_BYTES);
        long read = 0;
        try (FileChannel in = store.disk().openRead(temp)) {
            chunk.clear();
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                chunk.flip();
                hash.update(chunk);
                read += chunk.remaining();
                chunk.clear();
            }
        }
        if (read != written) {
            throw new IOException("Read back " + read + " of the " + written + " bytes just written to " + temp);
        }
        return hash.hex();
    }

    private static void awaitFlush(CompletableFuture<Void> forced) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    forced.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException("Flushing audio to disk failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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
