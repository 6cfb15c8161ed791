package dev.encore.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the index image off the save path: a while (10 s by default) after the first change
 * since the last image, so a busy evening is checkpointed as it goes, and at close. The state is copied under the store's lock (cheap: its values are
 * immutable) and written on this class's own thread, so a save never waits for MapDB.
 */
final class Checkpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

    private final SessionStore store;
    private final long quietMs;
    private final Object writing = new Object();
    private ScheduledExecutorService thread;
    private ScheduledFuture<?> pending;
    private long written = -1;

    Checkpoints(SessionStore store, long quietMs) {
        this.store = store;
        this.quietMs = quietMs;
    }

    /** A change was committed: write an image when the quiet time has passed, unless one is already due. Under the store's lock. */
    void changed() {
        if (pending != null && !pending.isDone()) {
            return;
        }
        if (thread == null) {
            thread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "encore-index");
                t.setDaemon(true);
                return t;
            });
        }
        pending = thread.schedule(this::runQuietly, quietMs, TimeUnit.MILLISECONDS);
    }

    /** The image on disk already holds the state up to {@code seq}. */
    void written(long seq) {
        synchronized (writing) {
            written = seq;
        }
    }

    /** Writes an image of the state as it is now, unless the last one already holds it. */
    void runNow() {
        synchronized (writing) {
            StoreState state = store.snapshotForIndex();
            if (state.appliedSeq == written) {
                return;
            }
            try {
                Path image = IndexImage.write(store.dataDir(), store.disk(), state);
                IndexImage.removeAllBut(store.dataDir(), store.disk(), image);
                written = state.appliedSeq;
                store.noteCheckpoint(image, state.appliedSeq);
                written = store.snapshotSeq();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not write the index image ({}); the journal holds everything and the next start replays it", e.toString());
            }
        }
    }

    /** Stops the timer and writes the last image. */
    void close() {
        synchronized (store) {
            if (pending != null) {
                pending.cancel(false);
            }
            if (thread != null) {
                thread.shutdown();
            }
        }
        runNow();
    }

    private void runQuietly() {
        if (!store.isClosed()) {
            runNow();
        }
    }
}
