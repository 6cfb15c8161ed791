package dev.encore.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.feedback.FeedbackBus;
import dev.encore.feedback.FeedbackEvent;
import dev.encore.feedback.Status;
import dev.encore.store.AssetId;
import dev.encore.store.MappedAsset;
import dev.encore.store.SessionId;
import dev.encore.store.SessionStore;
import dev.encore.store.StoredDraft;
import dev.encore.store.StoredSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a stored session on stage: applies the switch policy to the unsaved changes being left,
 * maps and pages in the incoming audio, hands it to the host, then replaces the live state. Every
 * step that can fail runs before anything is replaced, so a failed open loses nothing. Revert,
 * undo and older revisions come on stage the same way. After a switch it pages in the next setlist
 * entry's audio in the background so {@code next} is fast.
 */
final class Switcher {
    private static final Logger LOG = LoggerFactory.getLogger(Switcher.class);

    private final SessionStore store;
    private final LiveState live;
    private final Performance performance;
    private final FeedbackBus bus;
    private final EngineSettings settings;
    private final RestoreListener host;
    private final ExecutorService preloader;
    private final Saver saver;
    private final Stems stems;
    private final Map<AssetId, MappedAsset> preloaded = new ConcurrentHashMap<>();

    Switcher(SessionStore store, LiveState live, Performance performance, FeedbackBus bus, EngineSettings settings,
            RestoreListener host, ExecutorService preloader, Saver saver, Stems stems) {
        this.store = store;
        this.live = live;
        this.performance = performance;
        this.bus = bus;
        this.settings = settings;
        this.host = host;
        this.preloader = preloader;
        this.saver = saver;
        this.stems = stems;
    }

    /**
     * Switches to {@code target}, showing {@code opening} while it runs; on any failure the previous
     * session stays on stage untouched.
     */
    Result open(StoredSession target) {
        if (target.id().equals(performance.active())) {
            return new Result.Done("'" + target.name() + "' is already open.");
        }
        performance.refreshDirty();
        SwitchPolicy policy = settings.switchPolicy();
        if (performance.dirty() && policy == SwitchPolicy.REFUSE) {
            return new Result.Error(Reason.UNSAVED_CHANGES, "'" + performance.activeName()
                    + "' has unsaved changes; not switching to '" + target.name() + "'.");
        }
        Result opened = performance.light().during(Status.OPENING, "open", () -> enter(target, policy));
        if (opened.ok()) {
            performance.announceSession();
            preloadAfter(target.id());
        }
        return opened;
    }

    /**
     * Puts {@code target} with its stored draft on stage in place of the live state, which is
     * neither saved nor drafted (see {@link Action.Resume}); the session may be the one open.
     */
    Result resume(StoredSession target) {
        performance.refreshDirty();
        if (performance.dirty()) {
            LOG.warn("The unsaved changes on stage ({}) are not kept: '{}' comes back as last stored, with its draft",
                    performance.active() == null ? "untitled" : "'" + performance.activeName() + "'", target.name());
        }
        Result resumed = performance.light().during(Status.OPENING, "open", () -> enter(target, null));
        if (resumed.ok()) {
            performance.announceSession();
            preloadAfter(target.id());
        }
        return resumed;
    }

    /** Brings {@code target} in; {@code policy} says what happens to the changes left behind (null: nothing, they go). */
    private Result enter(StoredSession target, SwitchPolicy policy) {
        ProgressStream progress = ProgressStream.start(bus, "open", target.name());
        Snapshot stored = decoded(target.snapshot(), "session '" + target.name() + "'");
        Optional<StoredDraft> draft = store.bookkeeping().draft(target.id());
        Snapshot incoming = draft.map(d -> decoded(d.snapshot(), "the draft of '" + target.name() + "'")).orElse(stored);
        Map<AssetId, MappedAsset> audio = pageIn(incoming);
        if (policy != null) {
            leave(policy);
        }
        bring(target.id(), target.name(), stored, incoming, audio, draft.isPresent());
        store.bookkeeping().setActive(target.id());
        progress.finish();
        return new Result.Done("Opened '" + target.name() + "'" + (draft.isPresent() ? " with its unsaved changes." : "."));
    }

    /**
     * Puts what {@code stored} holds durably on stage and drops its draft: revert, and the live state
     * following an undo or redo.
     */
    void backTo(StoredSession stored) {
        show(stored.id(), stored.name(), stored.snapshot(), stored.snapshot(), "session '" + stored.name() + "'", false);
        store.bookkeeping().dropDraft(stored.id());
    }

    /**
     * Puts the stored document {@code incoming} on stage as session {@code id}, whose durable content is
     * {@code stored} (they differ for a draft or an older revision): decoded, its stems filled in from
     * the cache, its audio paged in, then handed to the host and the live state.
     */
    void show(SessionId id, String name, ObjectNode stored, ObjectNode incoming, String what, boolean hasDraft) {
        Snapshot durable = decoded(stored, "session '" + name + "'");
        Snapshot coming = incoming == stored ? durable : decoded(incoming, what);
        bring(id, name, durable, coming, pageIn(coming), hasDraft);
    }

    private Snapshot decoded(ObjectNode document, String what) {
        return arriving(SnapshotCodec.decode(document, what));
    }

    /**
     * A stored snapshot as it comes on stage: its tracks flagged restored, with their cached stems
     * filled in (so the host gets the stem buffers and no extraction runs).
     */
    Snapshot arriving(Snapshot s) {
        List<Track> tracks = s.tracks().stream().map(Track::asRestored).toList();
        return stems.withCached(new Snapshot(s.params(), s.fixture(), tracks, s.stems()));
    }

    /** Puts {@code incoming} on stage: host first (it may refuse by throwing), then the live state. */
    void bring(SessionId id, String name, Snapshot stored, Snapshot incoming, Map<AssetId, MappedAsset> audio,
            boolean hasDraft) {
        Snapshot restored = LiveState.normalize(incoming);
        host.restore(restored, audio);
        live.replace(restored);
        performance.adopt(id, name, stored, hasDraft);
        for (Map.Entry<String, JsonNode> e : restored.params().entrySet()) {
            bus.publish(new FeedbackEvent.ParamRestored(e.getKey(), e.getValue()));
        }
        performance.light().show();
    }

    /** Maps every PCM and stem asset of the snapshot and pages it in; ASSET_MISSING or ASSET_CORRUPT when one fails. */
    Map<AssetId, MappedAsset> pageIn(Snapshot s) {
        Map<AssetId, MappedAsset> audio = new LinkedHashMap<>();
        Track current = null;
        try {
            for (Track t : s.tracks()) {
                current = t;
                if (t.pcm() != null) {
                    audio.put(t.pcm(), mapped(t.pcm()).load());
                }
                for (AssetId stem : t.stems().values()) {
                    audio.put(stem, mapped(stem).load());
                }
            }
        } catch (InternalError e) {
            // A blob file cut short after it was mapped makes the JVM raise an InternalError soon
            // after the faulting read: that is damaged audio, reported with the track's file.
            preloaded.clear();
            throw new EncoreException(Reason.ASSET_CORRUPT, "The audio of track '" + current.fileName()
                    + "' could not be read: its file in the data folder is damaged or shorter than recorded ("
                    + e.getMessage() + ").");
        }
        preloaded.clear();
        return audio;
    }

    private MappedAsset mapped(AssetId id) {
        MappedAsset ready = preloaded.remove(id);
        return ready != null ? ready : store.map(id);
    }

    /** Applies the switch policy to the changes being left behind. */
    private void leave(SwitchPolicy policy) {
        if (!performance.dirty()) {
            return;
        }
        SessionId leaving = performance.active();
        switch (policy) {
            case KEEP_DRAFT -> {
                if (leaving == null) {
                    saver.saveUntitled(null);
                } else {
                    performance.journal();
                }
            }
            case SAVE -> saver.commit(null);
            case DISCARD -> {
                if (performance.draftStored()) {
                    store.bookkeeping().dropDraft(leaving);
                }
            }
            case REFUSE -> throw new EncoreException(Reason.UNSAVED_CHANGES, "There are unsaved changes.");
        }
    }

    /** Maps the next setlist entry's audio now and pages it in on the preload thread. */
    private void preloadAfter(SessionId current) {
        List<SessionId> setlist = store.setlist();
        int at = setlist.indexOf(current);
        if (at < 0 || setlist.size() < 2 || (at == setlist.size() - 1 && !settings.wrap())) {
            return;
        }
        SessionId next = setlist.get((at + 1) % setlist.size());
        try {
            Optional<StoredSession> session = store.find(next);
            if (session.isEmpty()) {
                return;
            }
            ObjectNode document = store.bookkeeping().draft(next).map(StoredDraft::snapshot).orElse(session.get().snapshot());
            Snapshot s = SnapshotCodec.decode(document, "session '" + session.get().name() + "'");
            for (Track t : s.tracks()) {
                if (t.pcm() != null) {
                    preload(t.pcm());
                }
                t.stems().values().forEach(this::preload);
            }
        } catch (EncoreException e) {
            LOG.info("Not preloading the next session's audio: {}", e.getMessage());
        }
    }

    private void preload(AssetId id) {
        MappedAsset asset = store.map(id);
        preloaded.put(id, asset);
        try {
            preloader.execute(asset::load);
        } catch (RejectedExecutionException e) {
            LOG.debug("Preload skipped while shutting down");
        }
    }

    /** The assets mapped ahead for the next setlist entry. */
    Map<AssetId, MappedAsset> preloaded() {
        return Map.copyOf(preloaded);
    }
}
