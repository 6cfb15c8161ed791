package dev.encore.app.nsm;

import dev.encore.session.EngineFailure;
import dev.encore.session.SessionEngine;

/**
 * Encore running on the project folder a session manager opened, as its client sees it: the engine
 * to save, the OSC port to name, and the stop to wait for.
 */
public interface NsmProject extends AutoCloseable {
    /** The session engine, which a manager's save commits. */
    SessionEngine engine();

    /** The port controllers reach this Encore on. */
    int oscPort();

    /** Waits until the project has stopped, on purpose or because its engine failed. */
    void awaitStop() throws InterruptedException;

    /** How the engine failed, or null when it was stopped on purpose. */
    EngineFailure failure();

    /** Stops it the way the daemon stops: the save in flight finished, the draft journaled. */
    @Override
    void close();
}
