package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOError;
import java.util.ServiceConfigurationError;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one piece of engine work so that nothing is thrown out of the engine thread: a refusal
 * (unknown session, taken name, missing confirmation) becomes an error result and an info line; a
 * fault (storage, damaged or missing audio, a failing host) also sets the {@code error} status.
 */
final class Guard {
    private static final Logger LOG = LoggerFactory.getLogger(Guard.class);

    private final Performance performance;

    Guard(Performance performance) {
        this.performance = performance;
    }

    Result run(String verb, Supplier<Result> work) {
        try {
            Result r = work.get();
            LOG.debug("{}: {}", verb, r);
            return r;
        } catch (EncoreException e) {
            if (isFault(e.reason())) {
                LOG.error("{} failed: {}", verb, e.messageWithFix(), e);
                performance.failed(e.getMessage());
            } else {
                LOG.info("{} refused: {}", verb, e.getMessage());
                performance.busy(null);
            }
            return new Result.Error(e.reason(), e.getMessage());
        } catch (RuntimeException | VirtualMachineError | LinkageError | AssertionError | IOError
                | ServiceConfigurationError e) {
            return failed(verb, e);
        }
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
        performance.failed(verb + " failed: " + what);
        return new Result.Error(Reason.GENERAL, verb + " failed (" + what + "). Encore goes on; " + Reason.GENERAL.fix());
    }

    /** Reasons that mean something is broken, not that the request was wrong. */
    static boolean isFault(Reason r) {
        return switch (r) {
            case BAD_ARGUMENTS, NO_SUCH_SESSION, NAME_TAKEN, NO_ACTIVE_SESSION, UNSAVED_CHANGES,
                    CONFIRMATION_REQUIRED, STEMS_NOT_READY, BUSY, DENIED, PATH_NOT_ALLOWED, UNSUPPORTED_AUDIO -> false;
            default -> true;
        };
    }
}
