package dev.encore.session;

import dev.encore.audio.AudioImporter;
import dev.encore.audio.Ffmpeg;
import dev.encore.audio.MediaFolders;
import dev.encore.audio.SpectralStemExtractor;
import dev.encore.audio.StemExtractor;
import dev.encore.feedback.FeedbackEvent;
import dev.encore.feedback.FeedbackSink;
import dev.encore.feedback.Status;
import dev.encore.store.BlobStore;
import dev.encore.store.Disk;
import dev.encore.store.SessionStore;
import dev.encore.store.StoreOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Configures and starts a {@link SessionEngine} for an embedding host or the daemon: the data folder,
 * the engine settings, the host's restore callback and feedback sinks, and the audio set-up (media
 * folders, sample rate, ffmpeg, stem extractor). {@link #start()} opens the
 * store, reopens the last active session (calling the restore callback) and returns once that is done.
 */
public final class EngineBuilder {
    /** The default watchdog time: an engine thread that has not finished one piece of work in 30 s is stuck. */
    public static final long WATCHDOG_MS = 30_000;
    /** The longest watchdog time accepted, one hour. */
    public static final long MAX_WATCHDOG_MS = 3_600_000;

    private final Path dataDir;
    private EngineSettings settings = EngineSettings.DEFAULTS;
    private Clock clock = Clock.systemUTC();
    private RestoreListener restore = (snapshot, audio) -> { };
    private final List<FeedbackSink> sinks = new ArrayList<>();
    private MediaFolders media;
    private int sampleRate = AudioImporter.DEFAULT_SAMPLE_RATE;
    private Ffmpeg ffmpeg;
    private Function<BlobStore, StemExtractor> extractor = SpectralStemExtractor::new;
    private StoreOptions storeOptions = StoreOptions.DEFAULTS;
    private Disk disk = Disk.local();
    private long watchdogMs = WATCHDOG_MS;
    private Consumer<EngineFailure> onFailure = failure -> { };

    EngineBuilder(Path dataDir) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    /**
     * The engine's tunables: switch policy, arming window, wrap-around, debounces.
     *
     * @param s the settings; default {@link EngineSettings#DEFAULTS}
     * @return this builder
     */
    public EngineBuilder settings(EngineSettings s) {
        this.settings = Objects.requireNonNull(s, "settings");
        return this;
    }

    /**
     * The clock the engine's debounces and windows run on; tests inject a manual one.
     *
     * @param c the clock; default the system clock in UTC
     * @return this builder
     */
    public EngineBuilder clock(Clock c) {
        this.clock = Objects.requireNonNull(c, "clock");
        return this;
    }

    /**
     * Called on the engine thread with the snapshot and its paged-in audio before a switch is reported done.
     *
     * @param listener the host's restore callback; default: none
     * @return this builder
     */
    public EngineBuilder onRestore(RestoreListener listener) {
        this.restore = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Receives feedback events on the feedback thread; register as many as needed.
     *
     * @param sink what receives every {@link FeedbackEvent}
     * @return this builder
     */
    public EngineBuilder feedback(FeedbackSink sink) {
        sinks.add(Objects.requireNonNull(sink, "sink"));
        return this;
    }

    /**
     * Receives each new status (saved, unsaved, saving, opening, error) on the feedback thread.
     *
     * @param listener what receives each status
     * @return this builder
     */
    public EngineBuilder onStatus(Consumer<Status> listener) {
        Objects.requireNonNull(listener, "listener");
        return feedback(event -> {
            if (event instanceof FeedbackEvent.StatusChanged s) {
                listener.accept(s.status());
            }
        });
    }

    /**
     * The folders {@link Action.ImportTrack} may read from.
     *
     * @param folders the media folders; default: the home folder of the user running Encore
     * @return this builder
     */
    public EngineBuilder media(MediaFolders folders) {
        this.media = Objects.requireNonNull(folders, "folders");
        return this;
    }

    /**
     * The sample rate imports are decoded to.
     *
     * @param hz samples per second; default 48000
     * @return this builder
     */
    public EngineBuilder sampleRate(int hz) {
        this.sampleRate = hz;
        return this;
    }

    /**
     * The ffmpeg used for MP3, FLAC and OGG.
     *
     * @param f the ffmpeg to run; default: the one on the PATH, if any
     * @return this builder
     */
    public EngineBuilder ffmpeg(Ffmpeg f) {
        this.ffmpeg = Objects.requireNonNull(f, "ffmpeg");
        return this;
    }

    /**
     * Makes the stem extractor from the store's blob store once it is open (stems are written there);
     * default: the built-in {@link SpectralStemExtractor}. Its id and version key the stem cache.
     *
     * @param factory makes the extractor from the blob store
     * @return this builder
     */
    public EngineBuilder stemExtractor(Function<BlobStore, StemExtractor> factory) {
        this.extractor = Objects.requireNonNull(factory, "factory");
        return this;
    }

    /**
     * How much history the store retains, and its journal's segment size.
     *
     * @param options the store's options; default {@link StoreOptions#DEFAULTS}
     * @return this builder
     */
    public EngineBuilder storeOptions(StoreOptions options) {
        this.storeOptions = options;
        return this;
    }

    /**
     * The file access the store goes through: the local file system unless a host wraps it (to
     * count, throttle or fail writes, as the tests of a full or read-only disk do).
     *
     * @param d the disk; default {@link Disk#local()}
     * @return this builder
     */
    public EngineBuilder disk(Disk d) {
        this.disk = Objects.requireNonNull(d, "disk");
        return this;
    }

    /**
     * How long the engine thread may spend on one piece of work (an action, a start-up open, the
     * restore callback included) before the watchdog reports it stuck; 0 turns the watchdog off.
     * Longer than the slowest open of the show (paging in its audio), default {@link #WATCHDOG_MS}.
     *
     * @param ms the watchdog time in milliseconds, 0 or 1 to {@link #MAX_WATCHDOG_MS}
     * @return this builder
     * @throws dev.encore.EncoreException BAD_ARGUMENTS when out of range
     */
    public EngineBuilder watchdogMs(long ms) {
        if (ms < 0 || ms > MAX_WATCHDOG_MS) {
            throw new dev.encore.EncoreException(dev.encore.Reason.BAD_ARGUMENTS, "The watchdog time of " + ms
                    + " ms is out of range: use 0 (off) or up to " + MAX_WATCHDOG_MS + " ms.");
        }
        this.watchdogMs = ms;
        return this;
    }

    /**
     * Told once, on the watchdog's or the dying engine thread, when the engine thread is stuck or has
     * died ({@link EngineFailure}); the engine has journaled unsaved changes where it could and takes
     * no more actions. The host decides what follows (the daemon exits non-zero); nothing here exits
     * the JVM. Default: nothing beyond the log line.
     *
     * @param listener what to tell; it should return promptly
     * @return this builder
     */
    public EngineBuilder onFailure(Consumer<EngineFailure> listener) {
        this.onFailure = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Opens the store in the data folder and starts the engine.
     *
     * @return the running engine; close it to journal unsaved changes and close the store
     * @throws dev.encore.EncoreException STORE_DAMAGED when the store cannot be opened
     */
    public SessionEngine start() {
        AudioSetup audio = new AudioSetup(media, sampleRate, ffmpeg, extractor);
        SessionStore store = SessionStore.open(dataDir, disk, clock, storeOptions);
        SessionEngine engine;
        try {
            engine = new SessionEngine(store, true, clock, settings, restore, List.copyOf(sinks), audio);
            engine.supervise(watchdogMs, onFailure);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return engine.start();
    }
}
