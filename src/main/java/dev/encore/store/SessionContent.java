package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Set;

/**
 * A session's current stored state as the store holds it in memory: the metadata at hand, the
 * snapshot document decoded only when someone asks for it. A start with a thousand sessions reads
 * their names, times and audio from the index image and leaves the snapshots as bytes until a
 * session is opened. Thread-safe: the index thread writes it out while the engine reads it.
 */
final class SessionContent {
    private final SessionId id;
    private final String name;
    private final Instant created;
    private final Instant updated;
    private final Set<AssetId> assets;
    private byte[] snapshotCbor;
    private ObjectNode snapshot;

    private SessionContent(SessionId id, String name, Instant created, Instant updated, Set<AssetId> assets,
            byte[] snapshotCbor, ObjectNode snapshot) {
        this.id = id;
        this.name = name;
        this.created = created;
        this.updated = updated;
        this.assets = Set.copyOf(assets);
        this.snapshotCbor = snapshotCbor;
        this.snapshot = snapshot;
    }

    static SessionContent of(StoredSession s) {
        return new SessionContent(s.id(), s.name(), s.created(), s.updated(), s.assets(), null, s.snapshot());
    }

    /** Metadata now, the snapshot from {@code snapshotCbor} when it is first asked for. */
    static SessionContent lazy(StoredSession withoutSnapshot, byte[] snapshotCbor) {
        return new SessionContent(withoutSnapshot.id(), withoutSnapshot.name(), withoutSnapshot.created(),
                withoutSnapshot.updated(), withoutSnapshot.assets(), snapshotCbor, null);
    }

    SessionId id() {
        return id;
    }

    String name() {
        return name;
    }

    Instant created() {
        return created;
    }

    Instant updated() {
        return updated;
    }

    Set<AssetId> assets() {
        return assets;
    }

    synchronized ObjectNode snapshot() {
        if (snapshot == null) {
            snapshot = RecordCodec.decode(snapshotCbor, "snapshot of session '" + name + "'");
            snapshotCbor = null;
        }
        return snapshot;
    }

    /** The snapshot as CBOR, without decoding it when it was never decoded. */
    synchronized byte[] snapshotCbor() {
        return snapshotCbor != null ? snapshotCbor : RecordCodec.cbor(snapshot);
    }

    StoredSession session() {
        return new StoredSession(id, name, created, updated, SessionStore.SCHEMA_VERSION, assets, snapshot());
    }
}
