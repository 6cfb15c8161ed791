package dev.encore.control;

import dev.encore.session.Result;
import dev.encore.session.RevisionEntry;
import dev.encore.session.SetlistEntry;
import dev.encore.session.SyncReport;
import java.util.List;

/**
 * The multi-message answers sent to one requester ahead of the reply: the setlist rows of
 * {@code /encore/list}, the revisions of {@code /encore/history}, the declared fixtures of
 * {@code /encore/fixtures} and the full state of {@code /encore/sync}, so a controller can redraw
 * itself from scratch. Times are floats in seconds, flags 0 or 1.
 */
final class StateDump {
    static final String LIST_ITEM = "/encore/list/item";
    static final String LIST_END = "/encore/list/end";
    static final String TRACK_ITEM = "/encore/track/item";
    static final String TRACK_END = "/encore/track/end";
    static final String FIXTURES_ITEM = "/encore/fixtures/item";
    static final String FIXTURES_END = "/encore/fixtures/end";

    private final ReplyChannel direct;

    StateDump(ReplyChannel direct) {
        this.direct = direct;
    }

    /** One {@code /encore/history/item i:revision s:time s:what} per retained revision, newest first, then the end. */
    void history(String origin, List<RevisionEntry> revisions) {
        for (RevisionEntry r : revisions) {
            direct.send(origin, "/encore/history/item", List.of(r.number(), r.time().toString(), r.what()));
        }
        direct.send(origin, "/encore/history/end", List.of(revisions.size()));
    }

    /** One {@code /encore/list/item i:position s:name s:id i:has_draft} per session, then {@code /encore/list/end i:count}. */
    void list(String origin, List<SetlistEntry> setlist) {
        for (SetlistEntry s : setlist) {
            direct.send(origin, LIST_ITEM, List.of(s.position(), s.name(), s.id(), s.hasDraft() ? 1 : 0));
        }
        direct.send(origin, LIST_END, List.of(setlist.size()));
    }

    /** One {@code /encore/fixtures/item s:id i:selected} per declared fixture, then {@code /encore/fixtures/end i:count}. */
    void fixtures(String origin, Result.Fixtures fixtures) {
        for (String id : fixtures.fixtures()) {
            direct.send(origin, FIXTURES_ITEM, List.of(id, id.equals(fixtures.selected()) ? 1 : 0));
        }
        direct.send(origin, FIXTURES_END, List.of(fixtures.fixtures().size()));
    }

    /**
     * Status, dirty, session and the setlist as the pushes and {@code /encore/list} send them; one
     * {@code /encore/track/item i:track s:id s:file f:trim_start_s f:trim_end_s f:length_s i:stems_ready}
     * per live track and {@code /encore/track/end i:count}; {@code /encore/fixture s:id} (empty for
     * none); {@code /encore/stems/mode s:mode} and one {@code /encore/stems/level s:stem f:level} per
     * stem level; then every parameter at its {@code /encore/param/<path>}.
     */
    void sync(String origin, SyncReport report) {
        send(origin, OscFeedback.status(report.status()));
        send(origin, OscFeedback.dirty(report.dirty()));
        send(origin, OscFeedback.session(report.session(), report.position(), report.setlist().size()));
        list(origin, report.setlist());
        int position = 0;
        for (SyncReport.TrackState t : report.tracks()) {
            direct.send(origin, TRACK_ITEM, List.of(++position, t.id(), t.fileName() == null ? "" : t.fileName(),
                    (float) t.trimStartSeconds(), (float) t.trimEndSeconds(), (float) t.lengthSeconds(), t.stemsReady() ? 1 : 0));
        }
        direct.send(origin, TRACK_END, List.of(report.tracks().size()));
        direct.send(origin, "/encore/fixture", List.of(report.fixture() == null ? "" : report.fixture()));
        direct.send(origin, "/encore/stems/mode", List.of(report.stems().mode().wireName()));
        report.stems().levels().forEach((stem, level) -> direct.send(origin, "/encore/stems/level",
                List.of(stem, level.floatValue())));
        report.params().forEach((path, value) -> send(origin, OscFeedback.param(path, value)));
    }

    private void send(String origin, Push message) {
        direct.send(origin, message.address(), message.args());
    }
}
