package dev.encore.mirror;

import dev.encore.session.Action;
import dev.encore.session.Result;
import dev.encore.session.SessionEngine;
import dev.encore.session.SessionRef;
import dev.encore.store.StoredSession;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The stage side of a takeover: the primary's last active session comes on stage with its last
 * mirrored draft, in place of this laptop's own live state (neither saved nor drafted), and the
 * takeover waits for it, so its answer says what is on stage and no live change sent after that
 * answer lands on the state it replaced.
 */
final class Resumption {
    /** How long a takeover waits for the session to come on stage before it answers anyway. */
    static final long WAIT_S = 30;

    private Resumption() {
    }

    /** Resumes {@code s} on {@code engine}; returns the sentence the takeover's answer ends with. */
    static String resume(SessionEngine engine, StoredSession s) {
        Result r;
        try {
            r = engine.submit(new Action.Resume(new SessionRef.ById(s.id()))).get(WAIT_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return " Still opening '" + s.name() + "' (its audio is paging in); /encore/session says when it is on stage.";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return " Opening '" + s.name() + "' was interrupted; open it with /encore/open.";
        } catch (ExecutionException e) {
            return " '" + s.name() + "' could not be opened (" + e.getCause().getMessage() + "); open it with /encore/open.";
        }
        return r.ok() ? " Opened '" + s.name() + "' with its last mirrored unsaved changes."
                : " '" + s.name() + "' could not be opened (" + r.message() + "); open it with /encore/open.";
    }
}
