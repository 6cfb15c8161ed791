package dev.encore.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A head start on opening a store: the folder's lock, the index image and the journal scan, read on
 * a thread of its own while the process reads its map, so that the next {@link SessionStore#open}
 * of that folder in this process only finishes the work (and waits for the read if it is not done).
 * The read is the open's own first half: it writes nothing an open would not write, and a failure
 * (a folder another Encore holds, a disk that cannot be read) is thrown by that open, unchanged.
 * {@link #close} lets go of the lock and the journal when no open came for them.
 */
public final class StoreReadAhead implements AutoCloseable {
    /** Read-aheads started in this process and not yet taken by an open, by absolute folder. */
    private static final Map<Path, StoreReadAhead> PENDING = new ConcurrentHashMap<>();

    private final Path dataDir;
    private final FutureTask<StoreOpening.Read> task;

    private StoreReadAhead(Path dataDir) {
        this.dataDir = dataDir;
        this.task = new FutureTask<>(() -> StoreOpening.read(dataDir, Disk.local(), StoreOptions.DEFAULTS.segmentBytes(), false));
    }

    /**
     * Starts reading the store in {@code dataDir}, or returns null when there is no store there yet
     * (a new folder opens in no time, and is then created by the open, not ahead of it) or a read of
     * it is already under way.
     */
    public static StoreReadAhead start(Path dataDir) {
        Path key = key(dataDir);
        if (!storeIn(key)) {
            return null;
        }
        StoreReadAhead ahead = new StoreReadAhead(key);
        if (PENDING.putIfAbsent(key, ahead) != null) {
            return null;
        }
        Thread t = new Thread(ahead.task, "encore-store-read");
        t.setDaemon(true);
        t.start();
        return ahead;
    }

    /** Whether {@code dataDir} holds a store (its journal), which {@link #start} would read. */
    public static boolean storeIn(Path dataDir) {
        return Files.isDirectory(dataDir.resolve(Journal.DIR));
    }

    /** The read-ahead of {@code dataDir}, now the caller's, or null when none was started. */
    static StoreReadAhead take(Path dataDir) {
        return PENDING.remove(key(dataDir));
    }

    private static Path key(Path dataDir) {
        return dataDir.toAbsolutePath().normalize();
    }

    /** What the read found, or its failure as the open would have thrown it; waits for it. */
    StoreOpening.Read await() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the open waits, as it would for a read on its own thread
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException("Reading the store in " + dataDir + " failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** When no open took the read: waits for it to end, then lets go of the lock and the journal. */
    @Override
    public void close() {
        if (PENDING.remove(dataDir, this)) {
            StoreOpening.Read read;
            try {
                read = await();
            } catch (RuntimeException | Error failed) {
                return; // a failed read holds nothing, and the open that did not come would have reported it
            }
            read.close();
        }
    }
}
