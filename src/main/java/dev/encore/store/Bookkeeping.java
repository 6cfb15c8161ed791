package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the engine journals beside the sessions: drafts of unsaved live changes, which session is
 * open, small engine bookkeeping (the crash-loop guard, for one) and the stem cache. Each is one
 * {@link Commits commit}; a value that is already stored is not journaled again.
 */
final class Bookkeeping {
    private static final Logger LOG = LoggerFactory.getLogger(Bookkeeping.class);

    private final StoreState state;
    private final Commits commits;
    private final BlobStore blobs;
    private final ToLongFunction<AssetId> sizeOnDisk;

    Bookkeeping(StoreState state, Commits commits, BlobStore blobs) {
        this.state = state;
        this.commits = commits;
        this.blobs = blobs;
        this.sizeOnDisk = blobs::length;
    }

    /** Journals unsaved live changes with their session ({@code null}: no session yet). */
    void putDraft(SessionId session, ObjectNode snapshot, Set<AssetId> assets) {
        synchronized (state) {
            String key = StoreState.draftKey(session);
            StoredDraft d = new StoredDraft(session, commits.now(), assets, snapshot);
            commits.commit(RecordType.DRAFT, RecordCodec.draftRecord(key, d, state.sizesOf(assets, sizeOnDisk)), "saving the draft");
            blobs.adopt(assets);
        }
    }

    void dropDraft(SessionId session) {
        synchronized (state) {
            String key = StoreState.draftKey(session);
            if (state.drafts.containsKey(key)) {
                commits.commit(RecordType.DROP_DRAFT, RecordCodec.JSON.createObjectNode().put("key", key), "dropping the draft");
            }
        }
    }

    /**
     * Records which session is open. Opening must work on a full or read-only disk, so a failure
     * here is logged, not thrown: the open goes on, and a crash would only start on another song.
     */
    void setActive(SessionId session) {
        synchronized (state) {
            if (session != null) {
                state.require(session);
            }
            if (Objects.equals(state.active, session)) {
                return;
            }
            ObjectNode r = RecordCodec.JSON.createObjectNode();
            r.put("active", session == null ? null : session.value());
            try {
                commits.commit(RecordType.SETLIST, r, "recording the open session");
            } catch (EncoreException e) {
                state.active = session;
                LOG.warn("{} The session is open; after a crash Encore may start on the one opened before.", e.getMessage());
            }
        }
    }

    void putMeta(String key, String value) {
        synchronized (state) {
            if (Objects.equals(state.meta.get(key), value)) {
                return;
            }
            ObjectNode r = RecordCodec.JSON.createObjectNode().put("key", key);
            r.put("value", value);
            commits.commit(RecordType.META, r, "recording engine state");
        }
    }

    void putCachedStems(String key, Map<String, AssetId> stems) {
        synchronized (state) {
            ObjectNode r = RecordCodec.JSON.createObjectNode().put("key", key);
            ObjectNode m = r.putObject("stems");
            new TreeMap<>(stems).forEach((name, id) -> m.put(name, id.hex()));
            commits.commit(RecordType.STEMS, r, "caching stems");
            blobs.adopt(Set.copyOf(stems.values()));
        }
    }
}
