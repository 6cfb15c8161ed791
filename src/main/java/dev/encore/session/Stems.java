package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.audio.AudioWorkers;
import dev.encore.audio.PcmAsset;
import dev.encore.audio.StemCache;
import dev.encore.audio.StemExtractor;
import dev.encore.audio.StemKey;
import dev.encore.feedback.FeedbackBus;
import dev.encore.store.AssetId;
import dev.encore.store.SessionStore;
import dev.encore.store.SessionId;
import dev.encore.store.StoredDraft;
import dev.encore.store.StoredSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets every live track its stems while the stem overlay plays a stem: from the shared cache when
 * they were made before (no extraction), otherwise by extracting them once on the audio workers.
 * Finished stems are attached to the live track and to every stored session (and draft) whose
 * track has that audio without stems, so a session saved mid-extraction gets them without a new
 * save. Confined to the engine thread; workers report back through {@code post}.
 */
final class Stems {
    private static final Logger LOG = LoggerFactory.getLogger(Stems.class);

    private final SessionStore store;
    private final LiveState live;
    private final Performance performance;
    private final FeedbackBus bus;
    private final StemCache cache;
    private final AudioWorkers workers;
    private final StemExtractor extractor;
    private final Consumer<Runnable> post;
    private final Set<AssetId> extracting = new HashSet<>();
    private final Set<AssetId> failed = new HashSet<>();
    private boolean stopping;

    Stems(SessionStore store, LiveState live, Performance performance, FeedbackBus bus, StemCache cache,
            AudioWorkers workers, StemExtractor extractor, Consumer<Runnable> post) {
        this.store = store;
        this.live = live;
        this.performance = performance;
        this.bus = bus;
        this.cache = cache;
        this.workers = workers;
        this.extractor = extractor;
        this.post = post;
    }

    /** While a stem plays, attaches cached stems and starts extraction for live tracks that lack them. */
    void ensure() {
        Scene scene = live.scene();
        if (scene.stems().mode() == SourceMode.FULL) {
            return;
        }
        for (Track t : scene.tracks()) {
            if (t.pcm() == null || !t.stems().isEmpty() || extracting.contains(t.pcm()) || failed.contains(t.pcm())) {
                continue;
            }
            Optional<Map<String, AssetId>> hit = cache.cached(StemKey.of(t.pcm(), extractor));
            if (hit.isPresent()) {
                attach(t.pcm(), hit.get());
            } else {
                extract(t);
            }
        }
    }

    /** Forgets failed extractions, so choosing a stem mode again retries them. */
    void retry() {
        failed.clear();
    }

    /** Ignores extractions that end from now on: the engine is stopping and the workers are interrupted. */
    void stop() {
        stopping = true;
    }

    /** How many tracks' stems are being extracted now. */
    int extracting() {
        return extracting.size();
    }

    /** The snapshot with cached stems filled in for tracks that have none; no extraction. */
    Snapshot withCached(Snapshot s) {
        Snapshot out = s;
        for (Track t : s.tracks()) {
            if (t.pcm() != null && t.stems().isEmpty()) {
                Optional<Map<String, AssetId>> hit = cache.cached(StemKey.of(t.pcm(), extractor));
                if (hit.isPresent()) {
                    out = attached(out, t.pcm(), hit.get()).orElse(out);
                }
            }
        }
        return out;
    }

    private void extract(Track t) {
        AssetId pcm = t.pcm();
        extracting.add(pcm);
        LOG.info("Extracting the stems of {} on the audio workers", t.fileName());
        ProgressStream progress = ProgressStream.start(bus, "stems", t.fileName());
        workers.stems(new PcmAsset(pcm, t.sampleRate(), t.channels(), t.frames()), extractor, progress::report)
                .whenComplete((stems, error) -> post.accept(() -> finished(t, stems, error, progress)));
    }

    private void finished(Track t, Map<String, AssetId> stems, Throwable error, ProgressStream progress) {
        extracting.remove(t.pcm());
        progress.finish();
        if (stopping) {
            return;
        }
        if (error == null && stems.isEmpty()) {
            error = new EncoreException(Reason.GENERAL, "the separator " + extractor.id() + " produced no stems.");
        }
        if (error == null) {
            attach(t.pcm(), stems);
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        failed.add(t.pcm());
        String message = "Stem extraction of '" + t.fileName() + "' failed: " + cause.getMessage()
                + " It plays the full mix; choose the source mode again to retry.";
        LOG.error(message, cause);
        performance.light().fault(message);
    }

    /** Attaches finished stems to the live tracks, the stored sessions and drafts, and the baseline. */
    private void attach(AssetId pcm, Map<String, AssetId> stems) {
        List<Track> tracks = live.scene().tracks();
        for (int i = 0; i < tracks.size(); i++) {
            if (pcm.equals(tracks.get(i).pcm()) && tracks.get(i).stems().isEmpty()) {
                live.replaceTrack(i, t -> pcm.equals(t.pcm()) && t.stems().isEmpty() ? t.withStems(stems) : t);
            }
        }
        List<SessionId> ids = new ArrayList<>();
        store.list().forEach(s -> ids.add(s.id()));
        ids.add(null);
        for (var id : ids) {
            try {
                attachStored(id, pcm, stems);
            } catch (EncoreException e) {
                LOG.warn("Could not attach stems to a stored session: {}", e.messageWithFix());
            }
        }
        attached(performance.baseline(), pcm, stems).ifPresent(performance::rebase);
    }

    private void attachStored(SessionId id, AssetId pcm, Map<String, AssetId> stems) {
        if (id != null) {
            Optional<StoredSession> session = store.find(id);
            if (session.isPresent()) {
                Snapshot saved = SnapshotCodec.decode(session.get().snapshot(), "session '" + session.get().name() + "'");
                Optional<Snapshot> with = attached(saved, pcm, stems);
                if (with.isPresent()) {
                    store.update(id, SnapshotCodec.encode(with.get()), with.get().assets());
                    LOG.info("Attached stems to the saved session '{}'", session.get().name());
                }
            }
        }
        Optional<StoredDraft> draft = store.bookkeeping().draft(id);
        if (draft.isPresent()) {
            Snapshot journaled = SnapshotCodec.decode(draft.get().snapshot(), "a draft");
            Optional<Snapshot> with = attached(journaled, pcm, stems);
            if (with.isPresent()) {
                store.bookkeeping().putDraft(id, SnapshotCodec.encode(with.get()), with.get().assets());
            }
        }
    }

    /** The snapshot with {@code stems} on each track of {@code pcm} that has none, or empty when none changed. */
    static Optional<Snapshot> attached(Snapshot s, AssetId pcm, Map<String, AssetId> stems) {
        boolean changed = false;
        List<Track> tracks = new ArrayList<>(s.tracks());
        for (int i = 0; i < tracks.size(); i++) {
            Track t = tracks.get(i);
            if (pcm.equals(t.pcm()) && t.stems().isEmpty()) {
                tracks.set(i, t.withStems(new HashMap<>(stems)));
                changed = true;
            }
        }
        return changed ? Optional.of(new Snapshot(s.params(), s.fixture(), tracks, s.stems())) : Optional.empty();
    }
}
