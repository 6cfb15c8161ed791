package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * What a performer does to the stored sessions: create, save over, rename, delete, reorder,
 * bring back a deleted session, and take in a revision from another folder. Each is one
 * {@link Commits commit}; the checks it makes first (a free name, a live session) are made under
 * the same lock, so nothing changes between them and the commit.
 */
final class SessionChanges {
    private static final int SCHEMA_VERSION = SchemaMigration.CURRENT;

    private final StoreState state;
    private final Commits commits;
    private final BlobStore blobs;
    private final ToLongFunction<AssetId> sizeOnDisk;

    SessionChanges(StoreState state, Commits commits, BlobStore blobs) {
        this.state = state;
        this.commits = commits;
        this.blobs = blobs;
        this.sizeOnDisk = blobs::length;
    }

    /** Commits a new session at the end of the setlist. */
    StoredSession create(String name, ObjectNode snapshot, Set<AssetId> assets) {
        synchronized (state) {
            String clean = Names.clean(name);
            state.requireFreeName(clean, null);
            SessionId id;
            do {
                id = SessionId.random();
            } while (state.sessions.containsKey(id) || state.deleted.containsKey(id));
            Instant now = commits.now();
            StoredSession s = new StoredSession(id, clean, now, now, SCHEMA_VERSION, assets, snapshot);
            commits.commitSession(sessionRecord(s, "save", 1), s, "saving session '" + clean + "'");
            blobs.adopt(s.assets());
            return s;
        }
    }

    /** Commits new content for an existing session (its name stays) as a new revision and drops its draft. */
    StoredSession update(SessionId id, ObjectNode snapshot, Set<AssetId> assets) {
        synchronized (state) {
            SessionHistory h = state.require(id);
            SessionContent old = h.content(); // name and times only: the old snapshot is not decoded
            StoredSession s = new StoredSession(id, old.name(), old.created(), commits.now(), SCHEMA_VERSION, assets, snapshot);
            ObjectNode r = sessionRecord(s, "save", h.lastNumber() + 1);
            r.put("dropDraft", true);
            commits.commitSession(r, s, "saving session '" + old.name() + "'");
            blobs.adopt(s.assets());
            return s;
        }
    }

    StoredSession rename(SessionId id, String newName) {
        synchronized (state) {
            StoredSession old = state.require(id).current();
            String clean = Names.clean(newName);
            state.requireFreeName(clean, id);
            StoredSession s = new StoredSession(id, clean, old.created(), commits.now(), SCHEMA_VERSION, old.assets(), old.snapshot());
            commits.commit(RecordType.SESSION, sessionRecord(s, "rename", 0), "renaming session '" + old.name() + "'");
            return s;
        }
    }

    /** Deletes a session and its draft; its revisions and audio are retained for an undelete. */
    void delete(SessionId id) {
        synchronized (state) {
            StoredSession old = state.require(id).current();
            ObjectNode r = RecordCodec.JSON.createObjectNode();
            r.put("id", id.value());
            r.put("name", old.name());
            r.put("at", commits.now().toEpochMilli());
            commits.commit(RecordType.DELETE, r, "deleting session '" + old.name() + "'");
        }
    }

    /** Moves the session at {@code fromIndex} to {@code toIndex} (both 0-based) in the setlist. */
    void move(int fromIndex, int toIndex) {
        synchronized (state) {
            List<SessionId> order = new ArrayList<>(state.setlist);
            if (fromIndex < 0 || fromIndex >= order.size() || toIndex < 0 || toIndex >= order.size()) {
                throw new EncoreException(Reason.BAD_ARGUMENTS, "Positions " + (fromIndex + 1) + " and " + (toIndex + 1)
                        + " must both be between 1 and " + order.size() + ".");
            }
            order.add(toIndex, order.remove(fromIndex));
            ObjectNode r = RecordCodec.JSON.createObjectNode();
            order.forEach(s -> r.withArray("setlist").add(s.value()));
            commits.commit(RecordType.SETLIST, r, "reordering the setlist");
        }
    }

    /** Brings back the most recently deleted session at its old position (a unique name if its own is taken). */
    StoredSession undelete() {
        synchronized (state) {
            if (state.deleted.isEmpty()) {
                throw new EncoreException(Reason.NO_SUCH_SESSION, "No deleted session is retained.");
            }
            SessionHistory h = null;
            for (SessionHistory d : state.deleted.values()) {
                h = d;
            }
            StoredSession old = h.current();
            String name = LegacyMigration.uniqueName(state, old.name());
            StoredSession s = new StoredSession(old.id(), name, old.created(), commits.now(), SCHEMA_VERSION, old.assets(), old.snapshot());
            ObjectNode r = RecordCodec.sessionRecord(s, state.sizes);
            r.put("position", h.deleted().position());
            commits.commit(RecordType.UNDELETE, r, "bringing back session '" + name + "'");
            return s;
        }
    }

    /**
     * Commits a revision brought from another folder, keeping its id and times: a new session at the
     * end of the setlist when the id is new here, else the next revision of that session (its name
     * here stays). Its audio must be in the blob store already.
     */
    StoredSession importRevision(StoredSession revision) {
        synchronized (state) {
            SessionHistory h = state.sessions.get(revision.id());
            if (h == null) {
                if (state.deleted.containsKey(revision.id())) {
                    throw new EncoreException(Reason.NAME_TAKEN, "Session id " + revision.id() + " belongs to a deleted session here.");
                }
                String clean = Names.clean(revision.name());
                state.requireFreeName(clean, null);
                StoredSession s = new StoredSession(revision.id(), clean, revision.created(), revision.updated(), SCHEMA_VERSION,
                        revision.assets(), revision.snapshot());
                commits.commit(RecordType.SESSION, sessionRecord(s, "import", 1), "importing session '" + clean + "'");
                blobs.adopt(s.assets());
                return s;
            }
            StoredSession old = h.current();
            StoredSession s = new StoredSession(old.id(), old.name(), old.created(), revision.updated(), SCHEMA_VERSION,
                    revision.assets(), revision.snapshot());
            commits.commit(RecordType.SESSION, sessionRecord(s, "import", h.lastNumber() + 1), "importing a revision of '" + old.name() + "'");
            blobs.adopt(s.assets());
            return s;
        }
    }

    private ObjectNode sessionRecord(StoredSession s, String what, int rev) {
        ObjectNode r = RecordCodec.sessionRecord(s, state.sizesOf(s.assets(), sizeOnDisk));
        r.put("what", what);
        if (rev > 0) {
            r.put("rev", rev);
        }
        return r;
    }
}
