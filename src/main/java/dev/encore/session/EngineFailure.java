package dev.encore.session;

import java.util.Objects;

/**
 * Why the engine thread stopped answering, as told to {@link EngineBuilder#onFailure}: it was stuck
 * in one piece of work for longer than the watchdog allows, or an error escaped it and the thread
 * died. Either way the engine takes no more actions; a host decides what to do next (the daemon
 * exits non-zero so that its service manager starts it again).
 *
 * @param kind whether the engine thread is stuck or dead
 * @param action what the engine thread was doing, such as {@code open} or {@code start-up}
 * @param runningMs how long it had been doing it, in milliseconds
 * @param cause the error that ended the thread; null when it is stuck
 * @param engineStack the engine thread's stack: where it is stuck, or where the error came from
 * @param draftKept true when the live state's unsaved changes are in the store as a draft (or
 *     there were none), so the next start brings them back
 */
public record EngineFailure(Kind kind, String action, long runningMs, Throwable cause, String engineStack,
        boolean draftKept) {

    /** How the engine thread failed. */
    public enum Kind {
        /** It has not finished one piece of work within the watchdog time and is presumably blocked for good. */
        STUCK,
        /** An error escaped it and the thread ended. */
        DIED
    }

    /**
     * Checks that the kind, the action and the stack are given.
     *
     * @param kind whether the engine thread is stuck or dead
     * @param action what the engine thread was doing
     * @param runningMs how long it had been doing it, in milliseconds
     * @param cause the error that ended the thread; null when it is stuck
     * @param engineStack the engine thread's stack
     * @param draftKept true when unsaved changes are in the store as a draft (or there were none)
     */
    public EngineFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(engineStack, "engineStack");
    }

    /**
     * One line for a log or a controller: what failed, in what, and whether unsaved work is kept.
     *
     * @return the description, one sentence
     */
    public String describe() {
        String what = kind == Kind.STUCK
                ? "The session engine has been stuck in '" + action + "' for " + runningMs + " ms"
                : "The session engine thread died in '" + action + "' of " + cause;
        return what + "; " + (draftKept ? "unsaved changes are kept as a draft." : "unsaved changes could not be journaled.");
    }
}
