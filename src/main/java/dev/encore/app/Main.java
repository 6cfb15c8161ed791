package dev.encore.app;

import dev.encore.control.MirrorRole;
import dev.encore.control.MirrorSettings;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.app.cli.Terminal;
import dev.encore.app.nsm.NsmUrl;
import dev.encore.control.MirrorRole;
import dev.encore.control.MirrorSettings;
import dev.encore.control.map.ControlMapReader;
import dev.encore.control.midi.CoreMidiDeviceSource;
import dev.encore.session.EngineFailure;
import dev.encore.store.RebuildReport;
import dev.encore.store.SessionStore;
import dev.encore.store.StoreReadAhead;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code java -jar encore.jar}: reads the command line and the map, then runs the daemon until
 * SIGTERM or Ctrl-C, checks the map, or rebuilds the store. Exit codes: 0 done, 1 failed (invalid
 * map, damaged store, port in use), 2 wrong command line, 3 the session engine thread died of an
 * error, 4 the session engine was stuck for the watchdog time (both after journaling unsaved
 * changes where possible, so that a service manager starts Encore again).
 */
public final class Main {
    /** How long a stop signal that arrives during start-up waits for the start to finish. */
    private static final long START_WAIT_ON_STOP_S = 10;

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int ENGINE_DIED = 3;
    static final int ENGINE_STUCK = 4;
    /** {@link #run} returns this once the daemon was stopped by a signal: the JVM is already exiting. */
    static final int STOPPED_BY_SIGNAL = -1;

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.util.logging.manager", ShutdownProofLogs.class.getName());
        preloadInBackground();
        int code = run(args, System.out, System.err);
        if (code != STOPPED_BY_SIGNAL) {
            System.exit(code);
        }
    }

    /**
     * Starts what every command needs and nothing on the command line changes, on threads of its
     * own while picocli reads the arguments: the built-in map (cold YAML and data binding) and the
     * index's storage engine. A failure here is only a lost head start: the same work is done
     * again where it is needed, and reports there.
     */
    private static void preloadInBackground() {
        SessionStore.preloadInBackground();
        Thread map = new Thread(() -> {
            try {
                ControlMapReader.defaults();
            } catch (RuntimeException e) {
                // reported when the map is read for real
            }
        }, "encore-preload-map");
        map.setDaemon(true);
        map.start();
    }

    /**
     * Does what the command line asks and returns the exit code; running the daemon blocks until it
     * stops. A plain daemon command line is read by {@link DaemonFlags}, everything else by picocli.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Terminal terminal = out == System.out && err == System.err ? Terminal.system() : new Terminal(out, err);
        DaemonOptions plain = DaemonFlags.parse(args);
        if (plain == null) {
            return CommandLineRunner.run(args, terminal);
        }
        try {
            return runDaemon(plain, terminal.out(), terminal.err());
        } catch (EncoreException e) {
            terminal.err().println(e.messageWithFix()); // as picocli's handler says it for the same start
            return FAILED;
        } catch (RuntimeException e) {
            terminal.err().println("encore failed: " + e);
            return FAILED;
        }
    }

    static int checkMap(DaemonOptions options, PrintStream out, PrintStream err) {
        try {
            DaemonConfig config = DaemonConfig.load(options);
            config.osc();
            checkMirrorKey(config);
            config.engineSettings();
            config.stemExtractor();
            config.media();
            out.println(config.mapSource() + " is valid: " + config.map().midi().controllers().size()
                    + " MIDI controller(s), " + config.map().feedback().size() + " feedback line(s), OSC port "
                    + config.osc().port() + ".");
            return OK;
        } catch (EncoreException e) {
            err.println(e.getMessage());
            return FAILED;
        }
    }

    static int rebuild(DaemonOptions options, PrintStream out, PrintStream err) {
        try {
            RebuildReport report = SessionStore.rebuild(options.dataDir().toAbsolutePath().normalize());
            out.println("Rebuilt the index of " + options.dataDir().toAbsolutePath().normalize() + ": "
                    + report.sessions() + " session(s).");
            report.missingAudio().forEach(missing -> out.println("Missing audio: " + missing));
            return OK;
        } catch (EncoreException e) {
            err.println("Rebuild failed: " + e.messageWithFix());
            return FAILED;
        }
    }

    static int runDaemon(DaemonOptions options, PrintStream out, PrintStream err) {
        String nsm = System.getenv(NsmUrl.ENV);
        if (nsm != null && !nsm.isBlank()) {
            Integer code = NsmMode.run(nsm, options, out, err);
            if (code != null) {
                return code;
            }
        }
        // A store already in the folder is read on a thread of its own while the map is read (the
        // engine then only finishes opening it); its log lines go to the folder's logs from the start.
        Path dataDir = options.dataDir().toAbsolutePath().normalize();
        Path logs = null;
        StoreReadAhead ahead = null;
        if (StoreReadAhead.storeIn(dataDir)) {
            logs = configureLogs(dataDir, out, err);
            if (logs == null) {
                return FAILED;
            }
            ahead = StoreReadAhead.start(dataDir);
        }
        try {
            return runDaemon(options, logs, out, err);
        } finally {
            if (ahead != null) {
                ahead.close(); // a start that failed before it opened the store lets go of the read
            }
        }
    }

    /**
     * The mirror settings checked, and the key file they name read, when this laptop is in a mirror:
     * a bad key stops the start before any folder is touched.
     */
    static void checkMirrorKey(DaemonConfig config) {
        MirrorSettings mirror = config.mirror();
        if (mirror.role() != MirrorRole.STANDALONE) {
            MirrorWiring.key(mirror);
        }
    }

    private static int runDaemon(DaemonOptions options, Path logsConfigured, PrintStream out, PrintStream err) {
        DaemonConfig config;
        try {
            config = DaemonConfig.load(options);
            config.osc();
            checkMirrorKey(config);
        } catch (EncoreException e) {
            err.println(e.getMessage());
            return FAILED;
        }
        Path logs = logsConfigured != null ? logsConfigured : configureLogs(config.dataDir(), out, err);
        if (logs == null) {
            return FAILED;
        }
        out.println("Encore: logs in " + logs);
        // The hook is in place before the daemon answers, so a SIGTERM during start-up waits for the
        // start to finish and then closes the store cleanly (an unclean close costs a rebuild).
        AtomicReference<Daemon> running = new AtomicReference<>();
        CountDownLatch startDone = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                startDone.await(START_WAIT_ON_STOP_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Daemon started = running.get();
            if (started != null) {
                started.close();
                out.println("Encore stopped; sessions and unsaved changes are kept in " + started.dataDir() + ".");
            }
        }, "encore-shutdown"));
        Daemon daemon;
        try {
            daemon = Daemon.start(config, new CoreMidiDeviceSource());
            running.set(daemon);
        } catch (EncoreException e) {
            err.println(startFailure(e, config));
            return FAILED;
        } finally {
            startDone.countDown();
        }
        out.println("Encore is running. OSC on " + config.osc().bindHost() + " port " + daemon.oscPort()
                + " (UDP and TCP), replies to port " + config.osc().replyPort() + ".");
        out.println("Data in " + daemon.dataDir() + ", map " + config.mapSource() + ". Stop with Ctrl-C.");
        try {
            daemon.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            daemon.close();
            return OK;
        }
        if (daemon.failure() != null) {
            err.println("Encore stopped because its session engine failed: " + daemon.failure().describe()
                    + " The log in " + daemon.dataDir().resolve("logs") + " has the details; start Encore again.");
            return exitCode(daemon.failure());
        }
        return STOPPED_BY_SIGNAL;
    }

    /** Sends the log to the console and {@code dataDir/logs}; returns that folder, or null after saying why it cannot. */
    private static Path configureLogs(Path dataDir, PrintStream out, PrintStream err) {
        try {
            return JulLogging.configure(dataDir, out);
        } catch (IOException e) {
            err.println("Cannot write the log in " + dataDir.resolve("logs") + ": " + e.getMessage()
                    + ". " + Reason.STORAGE_DENIED.fix());
            return null;
        }
    }

    /** The exit code the daemon ends with after {@code failure}. */
    static int exitCode(EngineFailure failure) {
        return failure.kind() == EngineFailure.Kind.STUCK ? ENGINE_STUCK : ENGINE_DIED;
    }

    /** What to print when the daemon cannot start: what happened and the one next step, never the command that just failed. */
    static String startFailure(EncoreException e, DaemonConfig config) {
        return "Encore did not start: " + e.messageWithFix();
    }
}
