package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.feedback.FeedbackBus;
import dev.encore.feedback.FeedbackEvent;
import dev.encore.store.SessionId;
import dev.encore.store.SessionStore;
import dev.encore.store.SessionSummary;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine thread's view of the performance: which session is active, what it holds durably
 * (the baseline), whether the live state differs from it, and the journal that keeps unsaved
 * changes in the store as a draft. The status it implies is shown by its {@link StatusLight}.
 * Confined to the engine thread.
 */
final class Performance {
    private static final Logger LOG = LoggerFactory.getLogger(Performance.class);
    private static final long LONG_AGO = Long.MIN_VALUE / 4;

    private final SessionStore store;
    private final LiveState live;
    private final FeedbackBus bus;
    private final EngineSettings settings;
    private final StatusLight light;

    // Volatile so that rescue() can read them from another thread once the engine thread is stuck.
    private volatile SessionId active;
    private String activeName = "";
    private volatile Snapshot baseline = Snapshot.EMPTY;
    private long baselineSignature = Signature.of(Snapshot.EMPTY);
    private boolean dirty;
    private boolean draftStored;

    private long seenVersion = -1;
    private long checkedVersion = -1;
    private long draftedVersion;
    private long lastChangeAt = LONG_AGO;
    private long lastCheckAt = LONG_AGO;

    Performance(SessionStore store, LiveState live, FeedbackBus bus, EngineSettings settings) {
        this.store = store;
        this.live = live;
        this.bus = bus;
        this.settings = settings;
        this.light = new StatusLight(bus, () -> dirty);
        this.draftedVersion = live.version();
    }

    /** The status this performance shows. */
    StatusLight light() {
        return light;
    }

    SessionId active() {
        return active;
    }

    String activeName() {
        return activeName;
    }

    boolean dirty() {
        return dirty;
    }

    boolean draftStored() {
        return draftStored;
    }

    Snapshot baseline() {
        return baseline;
    }

    /** Makes {@code id} the active session whose durable content is {@code stored}; the live state is already in place. */
    void adopt(SessionId id, String name, Snapshot stored, boolean hasDraft) {
        active = id;
        activeName = id == null ? "" : name;
        baseline = LiveState.normalize(stored);
        baselineSignature = Signature.of(baseline);
        draftStored = hasDraft;
        light.adopted();
        checkedVersion = -1;
        refreshDirty();
        // Changes that are not in the store yet (a deleted session's content, say) get journaled.
        draftedVersion = dirty && !hasDraft ? -1 : live.version();
    }

    /** Replaces what the active session holds durably after stems were attached to it; keeps status and draft. */
    void rebase(Snapshot stored) {
        baseline = LiveState.normalize(stored);
        baselineSignature = Signature.of(baseline);
        checkedVersion = -1;
        refreshDirty();
        light.show();
    }

    void renamed(String name) {
        activeName = name;
    }

    /** True when a session is open, the live state equals what it holds durably, and no draft is stored. */
    boolean upToDate() {
        refreshDirty();
        return active != null && !dirty && !draftStored;
    }

    /** Decides dirty from the signature; a match after a difference is confirmed by exact comparison. */
    void refreshDirty() {
        long version = live.version();
        long signature = live.signature();
        if (signature != baselineSignature) {
            dirty = true;
        } else if (dirty || checkedVersion == -1) {
            dirty = !live.snapshot().equals(baseline);
            if (dirty) {
                LOG.debug("Signature matched the stored session but the content differs; staying unsaved");
            }
        }
        checkedVersion = version;
    }

    /** Called on every loop turn: notices live changes, refreshes the status at most once per debounce window, journals drafts. */
    void tick(long now) {
        long version = live.version();
        if (version != seenVersion) {
            seenVersion = version;
            lastChangeAt = now;
        }
        if (version != checkedVersion && now - lastCheckAt >= settings.statusDebounceMs()) {
            lastCheckAt = now;
            refreshDirty();
            light.show();
        }
        if (version != draftedVersion && !light.busy() && now - lastChangeAt >= settings.draftDebounceMs()) {
            journal();
        }
    }

    /** Writes the live state as the active session's draft when it differs, drops the draft when it does not. */
    void journal() {
        long version = live.version();
        refreshDirty();
        try {
            if (dirty) {
                Snapshot s = live.snapshot();
                store.bookkeeping().putDraft(active, SnapshotCodec.encode(s), s.assets());
                draftStored = true;
            } else if (draftStored) {
                store.bookkeeping().dropDraft(active);
                draftStored = false;
            }
            draftedVersion = version;
        } catch (EncoreException e) {
            LOG.warn("Could not keep the unsaved changes of '{}' as a draft: {}", activeName, e.messageWithFix());
            draftedVersion = version;
            light.fault("Unsaved changes could not be kept as a draft: " + e.getMessage());
        }
        light.show();
    }

    /**
     * Journals the live state as the active session's draft from a thread other than the engine's,
     * once the engine thread is stuck and cannot; true when the unsaved changes are now in the store
     * (or there were none).
     */
    boolean rescue() {
        SessionId id = active;
        Snapshot now = live.snapshot();
        if (!now.equals(baseline)) {
            store.bookkeeping().putDraft(id, SnapshotCodec.encode(now), now.assets());
        }
        return true;
    }

    /** True when the live state holds no change that is missing from the store (as saved or as the draft). */
    boolean unsavedKept() {
        refreshDirty();
        return !dirty || draftStored && draftedVersion == live.version();
    }

    /** Publishes which session is active, its position and the setlist length. */
    void announceSession() {
        List<SessionSummary> list = store.list();
        bus.publish(new FeedbackEvent.SessionChanged(activeName, position(list), list.size()));
    }

    int position(List<SessionSummary> list) {
        for (SessionSummary s : list) {
            if (s.id().equals(active)) {
                return s.position();
            }
        }
        return 0;
    }
}
