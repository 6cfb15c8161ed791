package dev.encore.control;

import dev.encore.session.SyncReport;
import dev.encore.store.SessionSummary;
import java.util.List;

/**
 * The multi-message answers sent to one requester ahead of the reply: the setlist rows of
 * {@code /encore/list} and the full state of {@code /encore/sync}, so a controller can redraw
 * itself from scratch.
 */
final class StateDump {
    static final String LIST_ITEM = "/encore/list/item";
    static final String LIST_END = "/encore/list/end";

    private final ReplyChannel direct;

    StateDump(ReplyChannel direct) {
        this.direct = direct;
    }

    /** One {@code /encore/list/item i:position s:name s:id i:has_draft} per session, then {@code /encore/list/end i:count}. */
    /** One {@code /encore/history/item i:revision s:time s:what} per retained revision, newest first, then the end. */
    void history(String origin, List<dev.encore.store.Revision> revisions) {
        for (dev.encore.store.Revision r : revisions) {
            direct.send(origin, "/encore/history/item", List.of(r.number(), r.time().toString(), r.what()));
        }
        direct.send(origin, "/encore/history/end", List.of(revisions.size()));
    }

    void list(String origin, List<SessionSummary> setlist) {
        for (SessionSummary s : setlist) {
            direct.send(origin, LIST_ITEM, List.of(s.position(), s.name(), s.id().value(), s.hasDraft() ? 1 : 0));
        }
        direct.send(origin, LIST_END, List.of(setlist.size()));
    }

    /** Status, dirty, session, the setlist and every parameter, as the pushes would have sent them. */
    void sync(String origin, SyncReport report) {
        send(origin, OscFeedback.status(report.status()));
        send(origin, OscFeedback.dirty(report.dirty()));
        send(origin, OscFeedback.session(report.session(), report.position(), report.setlist().size()));
        list(origin, report.setlist());
        report.params().forEach((path, value) -> send(origin, OscFeedback.param(path, value)));
    }

    private void send(String origin, Push message) {
        direct.send(origin, message.address(), message.args());
    }
}
