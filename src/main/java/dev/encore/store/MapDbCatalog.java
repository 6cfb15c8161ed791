package dev.encore.store;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.nio.file.Path;
import java.util.Map;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * The metadata index in one transactional MapDB file. Values are byte arrays encoded by
 * {@link RecordCodec} (never MapDB's own serializer) and each commit holds a few kilobytes, the
 * size MapDB's write-ahead log survives a kill at any moment. MapDB types stay in this class.
 *
 * <ul>
 *   <li>sessions: id to session record (metadata, asset ids, snapshot document)</li>
 *   <li>summaries: id to the small listing row (name, times, audio bytes)</li>
 *   <li>names: name key to id (unique, case-insensitive)</li>
 *   <li>drafts: id (or "untitled") to draft record</li>
 *   <li>assets: asset hex to its size and the sessions and drafts referencing it</li>
 *   <li>stems: stem cache key to the stem assets</li>
 *   <li>meta: schema version, setlist order, active session, engine bookkeeping</li>
 * </ul>
 */
final class MapDbCatalog implements AutoCloseable {
    static final String FILE_NAME = "index.mapdb";

    private final DB db;
    private final Path dataDir;
    final Map<String, byte[]> sessions;
    final Map<String, byte[]> summaries;
    final Map<String, String> names;
    final Map<String, byte[]> drafts;
    final Map<String, byte[]> assets;
    final Map<String, byte[]> stems;
    final Map<String, String> meta;

    private MapDbCatalog(DB db, Path dataDir) {
        this.db = db;
        this.dataDir = dataDir;
        this.sessions = db.hashMap("sessions", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.summaries = db.hashMap("summaries", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.names = db.hashMap("names", Serializer.STRING, Serializer.STRING).createOrOpen();
        this.drafts = db.hashMap("drafts", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.assets = db.hashMap("assets", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.stems = db.hashMap("stems", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.meta = db.hashMap("meta", Serializer.STRING, Serializer.STRING).createOrOpen();
    }

    /**
     * Opens or creates the index. Any failure (a damaged file, a half-written log, a newer format)
     * is reported as {@link Reason#STORE_DAMAGED} naming the rebuild command; nothing is changed.
     */
    static MapDbCatalog open(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        DB db = null;
        try {
            db = DBMaker.fileDB(file.toFile())
                    .fileChannelEnable()
                    .transactionEnable()
                    // The manifest written (and forced) before each commit is the durable record;
                    // after an unclean shutdown the index is rebuilt from the manifests, so the
                    // index's own flushes would only make every save slower. close() forces it.
                    .fileSyncDisable()
                    .make();
            MapDbCatalog catalog = new MapDbCatalog(db, dataDir);
            db.commit();
            return catalog;
        } catch (RuntimeException | Error e) {
            if (e instanceof EncoreException ee) {
                throw ee;
            }
            if (db != null) {
                try {
                    db.close();
                } catch (RuntimeException ignored) {
                    // Already failing; the original cause is what the user needs.
                }
            }
            if (String.valueOf(e.getMessage()).contains("locked")) {
                throw new EncoreException(Reason.BUSY, "The data folder " + dataDir
                        + " is in use by another Encore; stop it first or use another --data folder.", e);
            }
            throw damaged(dataDir, e);
        }
    }

    static EncoreException damaged(Path dataDir, Throwable cause) {
        return new EncoreException(Reason.STORE_DAMAGED, "The session index " + dataDir.resolve(FILE_NAME)
                + " cannot be opened (" + cause + "). Encore did not start and changed nothing. "
                + "Recover every saved session from its manifest with: java -jar encore.jar --rebuild --data " + dataDir, cause);
    }

    /**
     * Runs one transaction: everything {@code change} does is committed durably, or nothing is.
     * Failures become typed errors naming {@code action}.
     */
    void transact(String action, Runnable change) {
        try {
            change.run();
            commit();
        } catch (RuntimeException e) {
            try {
                rollback();
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            if (e instanceof EncoreException ee) {
                throw ee;
            }
            if (e.getCause() instanceof java.io.IOException io) {
                throw StorageFailure.of(io, action);
            }
            throw new EncoreException(Reason.STORAGE_FAILURE, "The session index failed while " + action + ": " + e, e);
        }
    }

    /** Makes every change since the last commit durable (the log is forced to disk). */
    void commit() {
        db.commit();
    }

    /** Drops every change since the last commit. */
    void rollback() {
        db.rollback();
    }

    boolean isClosed() {
        return db.isClosed();
    }

    /**
     * Closes the index and forces its files to disk, so that an index closed cleanly is complete on
     * disk before the store removes its open marker.
     */
    @Override
    public void close() {
        if (db.isClosed()) {
            return;
        }
        db.close();
        try (var files = java.nio.file.Files.list(dataDir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().startsWith(FILE_NAME))::iterator) {
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
        } catch (java.io.IOException e) {
            throw StorageFailure.of(e, "closing the session index");
        }
    }
}
