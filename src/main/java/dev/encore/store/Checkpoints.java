package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * since the last image, so a busy evening is checkpointed as it goes, and at close. The state is
 * copied under the store's lock (cheap: its values are immutable) and written on this class's own
 * thread, so a save never waits for MapDB; a checkpoint record naming the image follows it into
 * the journal (not on a mirror's laptops, whose journals hold the same records).
 */
final class Checkpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

    private final Path dataDir;
    private final Disk disk;
    private final StoreState state;
    private final Journal journal;
    private final StoreMirroring mirroring;
    private final long quietMs;
    private final boolean journalsCheckpoints;
    private final Object writing = new Object();
    private ScheduledExecutorService thread;
    private ScheduledFuture<?> pending;
    private long written = -1;
    private volatile boolean stopped;

    Checkpoints(Path dataDir, Disk disk, StoreState state, Journal journal, StoreMirroring mirroring, StoreOptions options) {
        this.dataDir = dataDir;
        this.disk = disk;
        this.state = state;
        this.journal = journal;
        this.mirroring = mirroring;
        this.quietMs = options.quietMs();
        this.journalsCheckpoints = !options.mirrored();
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

    /** No image on disk holds anything any more (the folder started over): the next change writes one. */
    void forget() {
        synchronized (writing) {
            written = -1;
        }
    }

    /** The image on disk already holds the state as it is now. Not under the store's lock. */
    void current() {
        long seq;
        synchronized (state) {
            seq = state.appliedSeq;
        }
        synchronized (writing) {
            written = seq;
        }
    }

    /** Writes an image of the state as it is now, unless the last one already holds it. Not under the store's lock. */
    void runNow() {
        synchronized (writing) {
            StoreState copy;
            synchronized (state) {
                copy = state.copy();
            }
            if (copy.appliedSeq == written) {
                return;
            }
            try {
                Path image = IndexImage.write(dataDir, disk, copy);
                IndexImage.removeAllBut(dataDir, disk, image);
                written = copy.appliedSeq;
                synchronized (state) {
                    boolean nothingSince = state.appliedSeq == copy.appliedSeq;
                    journalCheckpoint(image, copy.appliedSeq);
                    if (nothingSince) {
                        written = state.appliedSeq; // the checkpoint record alone is no reason for another image
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not write the index image ({}); the journal holds everything and the next start replays it", e.toString());
            }
        }
    }

    /** Stops the timer and writes the last image. */
    void close() {
        stop();
        runNow();
    }

    /** Stops the timer and writes nothing more, as a process that died would. */
    void stop() {
        synchronized (state) {
            stopped = true;
            if (pending != null) {
                pending.cancel(false);
            }
            if (thread != null) {
                thread.shutdown();
            }
        }
    }

    /** Journals the record that names the image just written; the image is used all the same if that fails. */
    private void journalCheckpoint(Path image, long seq) {
        if (!journalsCheckpoints) {
            return;
        }
        try {
            ObjectNode r = RecordCodec.JSON.createObjectNode().put("image", image.getFileName().toString()).put("seq", seq);
            long prev = journal.lastSeq();
            byte[] bytes = RecordCodec.cbor(r);
            long at = journal.append(RecordType.CHECKPOINT, bytes);
            state.apply(at, RecordType.CHECKPOINT, r);
            mirroring.committed(prev, at, RecordType.CHECKPOINT, bytes, r);
        } catch (IOException e) {
            LOG.info("The index image {} is written, but its checkpoint record is not ({}); it is used all the same", image, e.toString());
        }
    }

    private void runQuietly() {
        if (!stopped) {
            runNow();
        }
    }
}
