package dev.encore.app.nsm;

import dev.encore.feedback.FeedbackEvent;
import dev.encore.feedback.FeedbackSink;
import dev.encore.feedback.Status;

/**
 * Tells the session manager what Encore's status light shows: {@code is_dirty} when the live state
 * stops matching what is stored and {@code is_clean} once it matches again (only on a change), each
 * progress step of long work (open, import, stems, check) as {@code progress}, and an error status
 * as a priority-3 {@code message}. Remembers the active session, so a save knows whether to name one.
 */
final class NsmFeedback implements FeedbackSink {
    private final NsmLink link;
    private volatile boolean stopped;
    private volatile String activeSession = "";
    private Boolean dirty;

    NsmFeedback(NsmLink link) {
        this.link = link;
    }

    @Override
    public void accept(FeedbackEvent event) {
        if (stopped) {
            return;
        }
        if (event instanceof FeedbackEvent.StatusChanged s) {
            if (dirty == null || dirty != s.dirty()) {
                dirty = s.dirty();
                link.send(s.dirty() ? "/nsm/client/is_dirty" : "/nsm/client/is_clean");
            }
            if (s.status() == Status.ERROR && !s.message().isEmpty()) {
                link.message(3, s.message());
            }
        } else if (event instanceof FeedbackEvent.SessionChanged s) {
            activeSession = s.name();
        } else if (event instanceof FeedbackEvent.Progress p) {
            link.progress((float) Math.max(0, Math.min(1, p.fraction())));
        }
    }

    /** The active session's name, empty when none is open. */
    String activeSession() {
        return activeSession;
    }

    /** Sends nothing more: the project it reported on was closed. */
    void stop() {
        stopped = true;
    }
}
