package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.feedback.FeedbackBus;
import dev.encore.feedback.FeedbackEvent;
import dev.encore.feedback.Status;
import java.io.IOError;
import java.util.ServiceConfigurationError;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status controllers see, and the only class that changes it: {@code saving} or {@code opening}
 * while such work runs, {@code error} after a fault until a session is adopted again, otherwise
 * {@code unsaved} or {@code saved} as the live state's dirty flag says. It also runs each piece of
 * engine work so that nothing is thrown out of the engine thread: a refusal (unknown session, taken
 * name) becomes an error result and an info line; a fault (storage, damaged audio, a failing host)
 * also shows {@code error}. Pushes a status only when it differs from the last one. Engine thread.
 */
final class StatusLight {
    private static final Logger LOG = LoggerFactory.getLogger(StatusLight.class);

    private final FeedbackBus bus;
    private final BooleanSupplier dirty;
    private Status busy;
    private String error;
    private volatile Status shown;

    StatusLight(FeedbackBus bus, BooleanSupplier dirty) {
        this.bus = bus;
        this.dirty = dirty;
    }

    /** Runs work that shows no status of its own; its outcome decides whether {@code error} shows. */
    Result run(String verb, Supplier<Result> work) {
        try {
            Result r = work.get();
            LOG.debug("{}: {}", verb, r);
            return r;
        } catch (EncoreException e) {
            if (isFault(e.reason())) {
                LOG.error("{} failed: {}", verb, e.messageWithFix(), e);
                fault(e.getMessage());
            } else {
                LOG.info("{} refused: {}", verb, e.getMessage());
            }
            return new Result.Error(e.reason(), e.getMessage());
        } catch (RuntimeException | VirtualMachineError | LinkageError | AssertionError | IOError
                | ServiceConfigurationError e) {
            return failed(verb, e);
        }
    }

    /**
     * Starts work that answers later through the future it is given (an import, a bundle); a
     * refusal or fault while starting answers at once.
     */
    CompletableFuture<Result> start(String verb, Consumer<CompletableFuture<Result>> work) {
        CompletableFuture<Result> reply = new CompletableFuture<>();
        Result refused = run(verb, () -> {
            work.accept(reply);
            return null;
        });
        if (refused != null) {
            reply.complete(refused);
        }
        return reply;
    }

    /** Runs work with {@code working} ({@code saving}, {@code opening}) shown until it is done. */
    Result during(Status working, String verb, Supplier<Result> work) {
        hold(working);
        try {
            return run(verb, work);
        } finally {
            release();
        }
    }

    /** Shows {@code working} until {@link #release()}: a save waiting for its coalescing window. */
    void hold(Status working) {
        busy = working;
        show();
    }

    /** Ends what {@link #hold} or {@link #during} shows. */
    void release() {
        busy = null;
        show();
    }

    /** Shows {@code error} with what broke, until a session is adopted again. */
    void fault(String message) {
        busy = null;
        error = message;
        show();
    }

    /** A session's state was adopted as the live state (saved, opened, reverted): an old error no longer applies. */
    void adopted() {
        error = null;
    }

    /**
     * The answer to work that failed unexpectedly. Errors of every kind an action can meet included:
     * an OutOfMemoryError, a stack overflow, a fault reading mapped audio (InternalError), a class
     * that failed to load, an IOError or a missing service fails this action, answered and shown as
     * the error status, and the engine goes on with the next one. An Error of no known kind is left
     * to end the engine thread, whose failure is reported (the daemon then exits for its supervisor).
     */
    Result.Error failed(String verb, Throwable e) {
        LOG.error("{} failed unexpectedly", verb, e);
        String what = e instanceof Error ? e.getClass().getSimpleName() + ": " + e.getMessage() : e.getMessage();
        fault(verb + " failed: " + what);
        return new Result.Error(Reason.GENERAL, verb + " failed (" + what + "). Encore goes on; " + Reason.GENERAL.fix());
    }

    Status status() {
        if (busy != null) {
            return busy;
        }
        if (error != null) {
            return Status.ERROR;
        }
        return dirty.getAsBoolean() ? Status.UNSAVED : Status.SAVED;
    }

    /** True while saving or opening shows, when no draft should be journaled. */
    boolean busy() {
        return busy != null;
    }

    /** The status last pushed; readable from any thread. */
    Status shown() {
        return shown;
    }

    /** Publishes the status only when it differs from the last one published. */
    void show() {
        Status s = status();
        if (s != shown) {
            shown = s;
            bus.publish(new FeedbackEvent.StatusChanged(s, dirty.getAsBoolean(), s == Status.ERROR ? error : ""));
        }
    }

    /** Reasons that mean something is broken, not that the request was wrong. */
    static boolean isFault(Reason r) {
        return switch (r) {
            case BAD_ARGUMENTS, NO_SUCH_SESSION, NAME_TAKEN, NO_ACTIVE_SESSION, UNSAVED_CHANGES,
                    CONFIRMATION_REQUIRED, STEMS_NOT_READY, BUSY, DENIED, PATH_NOT_ALLOWED, UNSUPPORTED_AUDIO,
                    NO_SUCH_FIXTURE -> false;
            default -> true;
        };
    }
}
