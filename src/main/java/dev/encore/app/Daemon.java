package dev.encore.app;

import dev.encore.app.nsm.NsmProject;
import dev.encore.audio.MediaFolders;
import dev.encore.control.CommandRouter;
import dev.encore.control.MirrorRole;
import dev.encore.control.midi.LedSink;
import dev.encore.control.midi.MidiDeviceSource;
import dev.encore.control.midi.MidiRig;
import dev.encore.control.osc.JavaOscServer;
import dev.encore.control.osc.OscPushes;
import dev.encore.feedback.FeedbackSink;
import dev.encore.session.EngineBuilder;
import dev.encore.session.EngineFailure;
import dev.encore.session.SessionEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encore running on its own: the engine on the data folder, the OSC server, the MIDI controllers and
 * the feedback that ties them together, wired from one {@link DaemonConfig}. {@link #close()} stops
 * it in the order that loses nothing: the engine finishes the save in flight and journals unsaved
 * changes, MIDI lets go of its devices, a last status goes out, then the OSC server stops.
 */
public final class Daemon implements NsmProject {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    /** How long OSC and MIDI may take to stop after the engine failed, before the JVM is halted anyway. */
    static final long STOP_AFTER_FAILURE_MS = 3_000;

    private final DaemonConfig config;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final JavaOscServer osc;
    private final OscPushes pushes;
    private final SessionEngine engine;
    private final MidiRig midi;
    /** The mirror of a primary or backup laptop; null when standalone (then no mirror class is loaded). */
    private final AutoCloseable mirror;
    private boolean closed;
    private volatile boolean started;

    private Daemon(DaemonConfig config, MidiDeviceSource midiDevices, List<FeedbackSink> moreFeedback) {
        this.config = config;
        MediaFolders media = config.media();
        this.osc = new JavaOscServer(config.osc());
        this.pushes = new OscPushes(osc, config.map().feedback());
        EngineBuilder builder = SessionEngine.builder(config.dataDir())
                .settings(config.engineSettings())
                .storeOptions(config.storeOptions())
                .sampleRate(config.sampleRate())
                .stemExtractor(config.stemExtractor())
                .feedback(pushes)
                .watchdogMs(config.watchdogMs())
                .onFailure(this::engineFailed);
        moreFeedback.forEach(builder::feedback);
        if (media != null) {
            builder.media(media);
        }
        this.engine = builder.start();
        MidiRig rig = null;
        AutoCloseable mirrored = null;
        try {
            CommandRouter router = new CommandRouter(config.map(), engine, osc);
            // A laptop that mirrors learns its role (a returning primary may have to follow a newer
            // one) before it takes any command: no save is accepted that a newer primary lacks.
            mirrored = config.mirror().role() == MirrorRole.STANDALONE ? null
                    : MirrorWiring.start(config.mirror(), engine, router);
            this.mirror = mirrored;
            osc.start(router, pushes);
            engine.announceOscPort(osc.port());
            engine.warmUpSaves();
            rig = MidiRig.start(config.map().midi(), midiDevices, router);
            this.midi = rig;
            // Subscribed first, then told the status: whatever the bus delivers after that is newer.
            engine.addFeedback(new LedSink(midi));
            midi.onStatus(engine.status().wireName());
            started = true;
        } catch (RuntimeException e) {
            closeMirror(mirrored);
            engine.close();
            if (rig != null) {
                rig.close();
            }
            osc.stop();
            throw e;
        }
    }

    /**
     * Starts Encore: opens the store (reopening the last session), listens for OSC and attaches MIDI
     * devices from {@code midiDevices}.
     *
     * @throws dev.encore.EncoreException STORE_DAMAGED when the store cannot be opened, or with the
     *     fix when a port is taken or a media folder is missing; nothing is left running
     */
    public static Daemon start(DaemonConfig config, MidiDeviceSource midiDevices) {
        return start(config, midiDevices, List.of());
    }

    /**
     * Starts Encore as {@link #start(DaemonConfig, MidiDeviceSource)} does, with more feedback sinks
     * (a session manager's dirty flag) that see every event from the first status on.
     */
    public static Daemon start(DaemonConfig config, MidiDeviceSource midiDevices, List<FeedbackSink> moreFeedback) {
        Daemon daemon = new Daemon(config, midiDevices, moreFeedback);
        LOG.info("Encore listening for OSC on {} port {} (UDP and TCP), replies to port {}; data in {}; map {}",
                config.osc().bindHost(), daemon.oscPort(), config.osc().replyPort(), config.dataDir(), config.mapSource());
        return daemon;
    }

    /** The UDP and TCP port commands are received on (the one the system picked for port 0). */
    public int oscPort() {
        return osc.port();
    }

    public Path dataDir() {
        return config.dataDir();
    }

    /** Waits until {@link #close()} has finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    MidiRig midi() {
        return midi;
    }

    /** The session engine, for what the OSC commands do not reach (a session manager's save). */
    public SessionEngine engine() {
        return engine;
    }

    /** Stops everything in order (see the class comment); safe to call twice and from a shutdown hook. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Encore stopping");
        engine.close();
        closeMirror(mirror);
        midi.close();
        pushes.pushStatus();
        osc.stop();
        LOG.info("Encore stopped; data in {}", config.dataDir());
        stopped.countDown();
    }

    /**
     * The daemon's policy when the engine thread is stuck or dead (the engine has logged its stack and
     * journaled what it could): say so, stop OSC and MIDI within a bounded time, and end the JVM with
     * {@link Main#ENGINE_STUCK} or {@link Main#ENGINE_DIED}, so that a service manager starts Encore
     * again instead of leaving a daemon that answers ping but never save. The JVM is halted rather
     * than exited: the shutdown hook would wait for a start-up or an engine that never finishes.
     */
    private void engineFailed(EngineFailure failure) {
        int code = Main.exitCode(failure);
        LOG.error("{} Encore exits with code {} so that its service manager starts it again.", failure.describe(),
                code);
        Thread exit = new Thread(() -> {
            if (started) {
                Thread stop = new Thread(this::close, "encore-stop-after-failure");
                stop.setDaemon(true);
                stop.start();
                try {
                    stop.join(STOP_AFTER_FAILURE_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(code);
        }, "encore-exit-after-failure");
        exit.start();
    }

    /** The engine's failure, or null when Encore was stopped on purpose. */
    public EngineFailure failure() {
        return engine.failure();
    }

    /** After the engine: its last draft is journaled and the mirror had the chance to send it on. */
    private static void closeMirror(AutoCloseable mirror) {
        if (mirror != null) {
            try {
                mirror.close();
            } catch (Exception e) {
                LOG.warn("Closing the mirror: {}", e.toString());
            }
        }
    }
}
