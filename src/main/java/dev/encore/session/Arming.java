package dev.encore.session;

import dev.encore.feedback.FeedbackBus;
import dev.encore.feedback.FeedbackEvent;
import dev.encore.store.SessionId;

/**
 * The one delete or revert that may be armed: the first press arms it (pushing {@code armed 1}), a
 * second press of the same action on the same session within the arming window, or an explicit
 * confirmation, lets it run; any action that changes something else, or the window running out,
 * disarms it (pushing {@code armed 0}). Engine thread only.
 */
final class Arming {
    private final FeedbackBus bus;
    private final long windowMs;
    private Armed armed;

    /** A destructive action waiting for its confirmation until {@code expiresAt}. */
    private record Armed(String verb, SessionId target, long expiresAt) {
    }

    Arming(FeedbackBus bus, long windowMs) {
        this.bus = bus;
        this.windowMs = windowMs;
    }

    /**
     * True when {@code verb} on {@code target} may run now: confirmed explicitly, or the second press
     * within the window. Otherwise it is armed now (replacing what was armed) and false is returned.
     */
    boolean confirmed(String verb, SessionId target, boolean confirm, long now) {
        boolean second = armed != null && armed.verb().equals(verb) && armed.target().equals(target)
                && now < armed.expiresAt();
        disarm();
        if (confirm || second) {
            return true;
        }
        armed = new Armed(verb, target, now + windowMs);
        bus.publish(new FeedbackEvent.Armed(verb, true));
        return false;
    }

    long windowMs() {
        return windowMs;
    }

    /** Disarms an armed action whose window has passed. */
    void tick(long now) {
        if (armed != null && now >= armed.expiresAt()) {
            disarm();
        }
    }

    void disarm() {
        if (armed != null) {
            bus.publish(new FeedbackEvent.Armed(armed.verb(), false));
            armed = null;
        }
    }
}
