package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
public final class Bookkeeping {
    private static final Logger LOG = LoggerFactory.getLogger(Bookkeeping.class);

    private final StoreState state;
    private final Catalog catalog;
    private final Commits commits;
    private final BlobStore blobs;
    private final ToLongFunction<AssetId> sizeOnDisk;

    Bookkeeping(StoreState state, Catalog catalog, Commits commits, BlobStore blobs) {
        this.state = state;
        this.catalog = catalog;
        this.commits = commits;
        this.blobs = blobs;
        this.sizeOnDisk = blobs::length;
    }

    /**
     * Journals unsaved live changes with their session ({@code null}: no session yet).
     *
     * @param session the session the changes belong to, or null
     * @param snapshot the live state
     * @param assets the audio it names
     */
    public void putDraft(SessionId session, ObjectNode snapshot, Set<AssetId> assets) {
        synchronized (state) {
            String key = StoreState.draftKey(session);
            StoredDraft d = new StoredDraft(session, commits.now(), assets, snapshot);
            commits.commit(RecordType.DRAFT, RecordCodec.draftRecord(key, d, state.sizesOf(assets, sizeOnDisk)), "saving the draft");
            blobs.adopt(assets);
        }
    }

    /**
     * The unsaved live changes kept for a session ({@code null}: no session yet).
     *
     * @param session the session, or null
     * @return its draft, if one is kept
     */
    public Optional<StoredDraft> draft(SessionId session) {
        return catalog.draft(session);
    }

    /**
     * Drops the draft of a session, journaled when there is one.
     *
     * @param session the session, or null
     */
    public void dropDraft(SessionId session) {
        synchronized (state) {
            String key = StoreState.draftKey(session);
            if (state.drafts.containsKey(key)) {
                commits.commit(RecordType.DROP_DRAFT, RecordCodec.JSON.createObjectNode().put("key", key), "dropping the draft");
            }
        }
    }

    /**
     * The session that was open last.
     *
     * @return its id, if one was open
     */
    public Optional<SessionId> active() {
        return catalog.active();
    }

    /**
     * Records which session is open. Opening must work on a full or read-only disk, so a failure
     * here is logged, not thrown: the open goes on, and a crash would only start on another song.
     */
    public void setActive(SessionId session) {
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

    /**
     * Small engine bookkeeping (the crash-loop guard, for one), durable and rebuilt with the index.
     *
     * @param key what it is
     * @return its value, if one is stored
     */
    public Optional<String> meta(String key) {
        return catalog.meta(key);
    }

    /**
     * Stores a bookkeeping value; journaled only when it changes.
     *
     * @param key what it is
     * @param value its new value
     */
    public void putMeta(String key, String value) {
        synchronized (state) {
            if (Objects.equals(state.meta.get(key), value)) {
                return;
            }
            ObjectNode r = RecordCodec.JSON.createObjectNode().put("key", key);
            r.put("value", value);
            commits.commit(RecordType.META, r, "recording engine state");
        }
    }

    /**
     * Stems already extracted for a key (source PCM, extractor and version), shared by all sessions.
     *
     * @param key the stem cache key
     * @return the stems by name, if cached
     */
    public Optional<Map<String, AssetId>> cachedStems(String key) {
        return catalog.cachedStems(key);
    }

    /**
     * Caches extracted stems under their key, so no session extracts them again.
     *
     * @param key the stem cache key
     * @param stems the stems by name
     */
    public void putCachedStems(String key, Map<String, AssetId> stems) {
        synchronized (state) {
            ObjectNode r = RecordCodec.JSON.createObjectNode().put("key", key);
            ObjectNode m = r.putObject("stems");
            new TreeMap<>(stems).forEach((name, id) -> m.put(name, id.hex()));
            commits.commit(RecordType.STEMS, r, "caching stems");
            blobs.adopt(Set.copyOf(stems.values()));
        }
    }
}
