package dev.encore.app.nsm;

import dev.encore.EncoreException;
import dev.encore.control.osc.OscMessageCodec;
import dev.encore.feedback.FeedbackSink;
import dev.encore.session.EngineFailure;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encore under a session manager, as the New Session Manager API 1.1 document specifies: it
 * announces itself from one UDP socket, and on that socket receives {@code /nsm/client/open} (the
 * path is used as Encore's data folder, created when missing), {@code /nsm/client/save} (the live
 * state is committed) and {@code session_is_loaded}, answering every open and save with
 * {@code /reply} or {@code /error} and NSM's error codes. The OSC port for controllers runs as
 * configured for each opened project. Quit is SIGTERM, handled by {@link #close()} from the
 * daemon's shutdown hook.
 */
public final class NsmClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NsmClient.class);

    static final String APP_NAME = "Encore";
    static final String CAPABILITIES = ":dirty:progress:message:";
    static final int API_MAJOR = 1;
    static final int API_MINOR = 1;
    static final int ERR_GENERAL = -1;
    static final int ERR_NO_SUCH_FILE = -5;
    static final int ERR_NOT_NOW = -8;
    static final int ERR_BAD_PROJECT = -9;
    static final int ERR_CREATE_FAILED = -10;
    /** How long Encore waits for the session manager to answer its announce before running without it. */
    static final long ANNOUNCE_TIMEOUT_MS = 5_000;
    static final String SAVE = "/nsm/client/save";

    /** Starts Encore on a project folder, reporting its feedback to {@code sink} from the first status on. */
    @FunctionalInterface
    public interface Opener {
        NsmProject open(Path folder, FeedbackSink sink);
    }

    /** How the announce ended: welcomed, refused with the manager's message, or not answered. */
    public record Welcome(boolean managed, String message) {
    }

    private final NsmUrl url;
    private final NsmLink link;
    private final Opener opener;
    private final String executable;
    private final Object project = new Object();
    private NsmProject daemon;
    private Path folder;
    private String displayName;
    private NsmFeedback feedback;
    private volatile boolean closed;
    private volatile EngineFailure engineFailure;

    private NsmClient(NsmLink link, String executable, Opener opener) {
        this.url = link.url();
        this.link = link;
        this.executable = executable;
        this.opener = opener;
    }

    /** Opens the client's UDP socket (any local port; the manager answers the port it hears from). */
    public static NsmClient create(NsmUrl url, String executable, Opener opener) throws SocketException {
        return new NsmClient(NsmLink.open(url), executable, opener);
    }

    /**
     * Sends {@code /nsm/server/announce} and waits for the manager's {@code /reply} or
     * {@code /error}. An {@code open} that arrives first counts as a welcome and is handled.
     */
    public Welcome announce() throws IOException {
        link.send("/nsm/server/announce", APP_NAME, CAPABILITIES, executable, API_MAJOR, API_MINOR,
                (int) ProcessHandle.current().pid());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ANNOUNCE_TIMEOUT_MS);
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return new Welcome(false, "no answer from the session manager at " + url.text() + " within "
                        + ANNOUNCE_TIMEOUT_MS + " ms");
            }
            link.timeout((int) left);
            Optional<OscMessageCodec.Message> received;
            try {
                received = link.receive();
            } catch (SocketTimeoutException e) {
                continue;
            }
            if (received.isEmpty()) {
                continue;
            }
            OscMessageCodec.Message m = received.get();
            if (m.address().equals("/reply") && "/nsm/server/announce".equals(m.string(0))) {
                String text = "Under session management: " + m.string(1) + " (" + m.string(2) + ", capabilities "
                        + m.string(3) + ")";
                LOG.info(text);
                return new Welcome(true, text);
            }
            if (m.address().equals("/error") && "/nsm/server/announce".equals(m.string(0))) {
                return new Welcome(false, "the session manager refused Encore: " + m.args().subList(1, m.args().size()));
            }
            if (m.address().equals("/nsm/client/open")) {
                dispatch(m);
                return new Welcome(true, "Under session management at " + url.text());
            }
            LOG.info("Session manager sent {} before answering the announce; ignored", m.address());
        }
    }

    /** Answers the session manager until {@link #close()}; the daemon's main thread runs this. */
    public void serve() throws IOException {
        link.timeout(0);
        while (!closed) {
            Optional<OscMessageCodec.Message> received;
            try {
                received = link.receive();
            } catch (SocketException e) {
                if (closed) {
                    return;
                }
                throw e;
            }
            received.ifPresent(this::dispatch);
        }
    }

    /** The data folder NSM gave, once a project is open. */
    public Optional<Path> folder() {
        synchronized (project) {
            return Optional.ofNullable(folder);
        }
    }

    /** Closes the open project the way the daemon stops (save in flight finished, draft journaled) and the socket. */
    @Override
    public void close() {
        closed = true;
        synchronized (project) {
            closeProject();
        }
        link.close();
    }

    private void dispatch(OscMessageCodec.Message m) {
        switch (m.address()) {
            case "/nsm/client/open" -> {
                if (m.args().size() < 3 || m.string(0) == null || m.string(1) == null || m.string(2) == null) {
                    link.error("/nsm/client/open", ERR_GENERAL, "open takes s:path s:display_name s:client_id; got " + m.args());
                } else {
                    open(m.string(0), m.string(1), m.string(2));
                }
            }
            case SAVE -> save();
            case "/nsm/client/session_is_loaded" -> LOG.info("The session manager says every client of the session is loaded");
            case "/reply", "/error" -> LOG.info("Session manager answered: {} {}", m.address(), m.args());
            default -> LOG.warn("Ignored {} from the session manager: Encore does not take it", m.address());
        }
    }

    private void open(String path, String display, String clientId) {
        link.progress(0f);
        Path target = Path.of(path).toAbsolutePath().normalize();
        synchronized (project) {
            if (closed) {
                link.error("/nsm/client/open", ERR_NOT_NOW, "Encore is stopping.");
                return;
            }
            if (target.equals(folder) && daemon != null) {
                displayName = display;
                link.progress(1f);
                link.reply("/nsm/client/open", "Encore's data in " + target + " is already open.");
                return;
            }
            String problem = problemWith(target);
            if (problem != null) {
                link.error("/nsm/client/open", problem.startsWith("no session folder") ? ERR_NO_SUCH_FILE : ERR_BAD_PROJECT, problem);
                return;
            }
            boolean fresh = !Files.isDirectory(target);
            try {
                Files.createDirectories(target);
            } catch (IOException e) {
                link.error("/nsm/client/open", ERR_CREATE_FAILED, "Cannot create Encore's data folder " + target + ": " + e.getMessage()
                        + ". Check that the session folder is writable.");
                return;
            }
            Path previous = folder;
            closeProject();
            try {
                start(target);
            } catch (EncoreException e) {
                LOG.error("Opening {} for the session manager failed: {}", target, e.messageWithFix());
                if (previous != null) {
                    reopen(previous);
                }
                link.error("/nsm/client/open", code(e, fresh), "Encore could not open " + target + ": " + e.messageWithFix());
                link.message(3, "Encore could not open " + target + ": " + e.getMessage());
                return;
            }
            displayName = display;
            LOG.info("Session manager opened {} as {} ({})", target, display, clientId);
            link.progress(1f);
            String text = (fresh ? "Created " : "Opened ") + "Encore's data in " + target + "; OSC on port " + daemon.oscPort() + ".";
            link.reply("/nsm/client/open", text);
            link.message(1, text);
        }
    }

    private void save() {
        synchronized (project) {
            if (daemon == null) {
                link.error(SAVE, ERR_NOT_NOW, "No project is open yet: the session manager has not sent /nsm/client/open.");
            } else {
                NsmSave.run(daemon.engine(), feedback.activeSession().isEmpty() ? displayName : null, link);
            }
        }
    }

    /** What stands in the way of using {@code target} as a data folder, or null. */
    private static String problemWith(Path target) {
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return "no session folder " + parent + ": the session manager gives a path inside its session's folder,"
                    + " which must exist. Open the session again from the session manager.";
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            return target + " is a file, not an Encore data folder; Encore keeps its data in a folder at that path."
                    + " Move the file away, or remove this client and add Encore again.";
        }
        return null;
    }

    private static int code(EncoreException e, boolean fresh) {
        return switch (e.reason()) {
            case STORE_DAMAGED -> ERR_BAD_PROJECT;
            case BUSY -> ERR_NOT_NOW;
            default -> fresh ? ERR_CREATE_FAILED : ERR_GENERAL;
        };
    }

    /** How the open project's engine failed, which ended {@link #serve()}; null otherwise. */
    public EngineFailure engineFailure() {
        return engineFailure;
    }

    private void start(Path target) {
        NsmFeedback sink = new NsmFeedback(link);
        NsmProject started = opener.open(target, sink);
        daemon = started;
        folder = target;
        feedback = sink;
        Thread watch = new Thread(() -> stopIfEngineDies(started), "encore-nsm-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /** An engine that died stops the daemon; the client then stops serving, so Encore exits non-zero and NSM shows it stopped. */
    private void stopIfEngineDies(NsmProject started) {
        try {
            started.awaitStop();
        } catch (InterruptedException e) {
            return;
        }
        if (started.failure() != null && !closed) {
            engineFailure = started.failure();
            closed = true;
            link.close();
        }
    }

    /** After a failed switch: the project that was open before comes back, so Encore is never left without one. */
    private void reopen(Path previous) {
        try {
            start(previous);
        } catch (EncoreException again) {
            LOG.error("Reopening {} after the failed switch failed too: {}", previous, again.messageWithFix());
        }
    }

    private void closeProject() {
        if (feedback != null) {
            feedback.stop();
        }
        if (daemon != null) {
            daemon.close();
        }
        daemon = null;
        folder = null;
        feedback = null;
    }
}
