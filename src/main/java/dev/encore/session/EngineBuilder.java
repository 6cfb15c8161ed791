package dev.encore.session;

import dev.encore.feedback.FeedbackEvent;
import dev.encore.feedback.FeedbackSink;
import dev.encore.feedback.Status;
import dev.encore.store.SessionStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Configures and starts a {@link SessionEngine} for an embedding host or the daemon: the data folder,
 * the engine settings, the host's restore callback and feedback sinks. {@link #start()} opens the
 * store, reopens the last active session (calling the restore callback) and returns once that is done.
 */
public final class EngineBuilder {
    private final Path dataDir;
    private EngineSettings settings = EngineSettings.DEFAULTS;
    private Clock clock = Clock.systemUTC();
    private RestoreListener restore = (snapshot, audio) -> { };
    private final List<FeedbackSink> sinks = new ArrayList<>();

    EngineBuilder(Path dataDir) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    public EngineBuilder settings(EngineSettings s) {
        this.settings = Objects.requireNonNull(s, "settings");
        return this;
    }

    /** The clock the engine's debounces and windows run on; tests inject a manual one. */
    public EngineBuilder clock(Clock c) {
        this.clock = Objects.requireNonNull(c, "clock");
        return this;
    }

    /** Called on the engine thread with the snapshot and its paged-in audio before a switch is reported done. */
    public EngineBuilder onRestore(RestoreListener listener) {
        this.restore = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Receives feedback events on the feedback thread; register as many as needed. */
    public EngineBuilder feedback(FeedbackSink sink) {
        sinks.add(Objects.requireNonNull(sink, "sink"));
        return this;
    }

    /** Receives each new status (saved, unsaved, saving, opening, error) on the feedback thread. */
    public EngineBuilder onStatus(Consumer<Status> listener) {
        Objects.requireNonNull(listener, "listener");
        return feedback(event -> {
            if (event instanceof FeedbackEvent.StatusChanged s) {
                listener.accept(s.status());
            }
        });
    }

    /**
     * Opens the store in the data folder and starts the engine.
     *
     * @throws dev.encore.EncoreException STORE_DAMAGED when the store cannot be opened
     */
    public SessionEngine start() {
        SessionStore store = SessionStore.open(dataDir);
        return new SessionEngine(store, true, clock, settings, restore, List.copyOf(sinks)).start();
    }
}
