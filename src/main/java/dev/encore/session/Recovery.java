package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.store.SessionId;
import dev.encore.store.SessionStore;
import dev.encore.store.StoredDraft;
import dev.encore.store.StoredSession;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up: reopens the session that was active when Encore last stopped, with its draft, so a crash
 * or power cut loses at most the last draft debounce of changes. A crash-loop guard in the store's
 * meta records each start-up open; when Encore died twice while opening the same session within the
 * crash-loop window, it starts without that session and reports an error naming it.
 */
final class Recovery {
    static final String OPENING_KEY = "engine.opening";
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final SessionStore store;
    private final Performance performance;
    private final Switcher switcher;
    private final EngineSettings settings;

    Recovery(SessionStore store, Performance performance, Switcher switcher, EngineSettings settings) {
        this.store = store;
        this.performance = performance;
        this.switcher = switcher;
        this.settings = settings;
    }

    /** One start-up open attempt as stored in the meta entry: "id attempts firstAtMillis". */
    private record Attempt(SessionId id, int attempts, long firstAt) {
        static Optional<Attempt> parse(String text) {
            String[] p = text.trim().split(" ");
            if (p.length != 3 || !SessionId.isValid(p[0])) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Attempt(SessionId.of(p[0]), Integer.parseInt(p[1]), Long.parseLong(p[2])));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        String format() {
            return id + " " + attempts + " " + firstAt;
        }
    }

    void start(long now) {
        Optional<StoredSession> last = store.bookkeeping().active().flatMap(store::find);
        if (last.isEmpty()) {
            restoreUntitled();
            return;
        }
        StoredSession target = last.get();
        Optional<Attempt> before = store.bookkeeping().meta(OPENING_KEY).flatMap(Attempt::parse)
                .filter(a -> a.id().equals(target.id()) && now - a.firstAt() <= settings.crashLoopWindowMs());
        if (before.isPresent() && before.get().attempts() >= 2) {
            store.bookkeeping().putMeta(OPENING_KEY, null);
            store.bookkeeping().setActive(null);
            String message = "Encore stopped twice while opening '" + target.name()
                    + "', so it started without it; open it again once the cause is fixed.";
            LOG.error(message);
            performance.light().fault(message);
            return;
        }
        Attempt attempt = before.map(a -> new Attempt(a.id(), a.attempts() + 1, a.firstAt()))
                .orElse(new Attempt(target.id(), 1, now));
        store.bookkeeping().putMeta(OPENING_KEY, attempt.format());
        try {
            Result r = switcher.open(target);
            if (r instanceof Result.Error error) {
                LOG.warn("Start-up: could not reopen '{}': {} ({})", target.name(), error.message(), error.reason());
            } else if (r instanceof Result.Ok ok) {
                LOG.info("Start-up: {}", ok.message());
            }
        } catch (EncoreException e) {
            LOG.error("Could not reopen '{}' at start-up: {}", target.name(), e.messageWithFix());
            performance.light().fault("Could not reopen '" + target.name() + "': " + e.getMessage());
        } catch (RuntimeException | LinkageError | VirtualMachineError | AssertionError e) {
            store.bookkeeping().putMeta(OPENING_KEY, null);
            throw e; // the engine survives these (Guard); any other error ends it and counts as a death
        }
        // Not reached when the open ends the engine thread or the watchdog stops the process.
        store.bookkeeping().putMeta(OPENING_KEY, null);
    }

    /** Brings back the live state of a performance that was never saved, if a draft of it exists. */
    private void restoreUntitled() {
        Optional<StoredDraft> draft = store.bookkeeping().draft(null);
        if (draft.isEmpty()) {
            return;
        }
        Snapshot s = switcher.arriving(SnapshotCodec.decode(draft.get().snapshot(), "the unsaved performance"));
        switcher.bring(null, "", Snapshot.EMPTY, s, switcher.pageIn(s), true);
        LOG.info("Start-up: restored an unsaved performance ({} parameter(s), {} track(s))", s.params().size(),
                s.tracks().size());
    }
}
