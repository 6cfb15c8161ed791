package dev.encore.session;

import dev.encore.Reason;
import dev.encore.audio.AudioWorkers;
import dev.encore.feedback.FeedbackBus;
import dev.encore.store.CheckReport;
import dev.encore.store.SessionStore;
import dev.encore.store.SessionSummary;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The queries that change nothing: the setlist, the full state for a controller's redraw, the
 * declared fixtures, and the pre-show check of every stored asset. Confined to the engine thread;
 * the check reads its audio on the audio workers.
 */
final class ReadBack {
    private final SessionStore store;
    private final LiveState live;
    private final Performance performance;
    private final FeedbackBus bus;
    private final AudioWorkers workers;
    private final List<String> fixtures;

    ReadBack(SessionStore store, LiveState live, Performance performance, FeedbackBus bus, AudioWorkers workers,
            List<String> fixtures) {
        this.store = store;
        this.live = live;
        this.performance = performance;
        this.bus = bus;
        this.workers = workers;
        this.fixtures = fixtures;
    }

    Result.Listed list() {
        List<SessionSummary> list = store.list();
        return new Result.Listed(list.size() + " session(s).", SetlistEntry.of(list));
    }

    Result.Synced sync() {
        performance.refreshDirty();
        List<SessionSummary> list = store.list();
        Snapshot now = live.snapshot();
        List<SyncReport.TrackState> tracks = now.tracks().stream().map(SyncReport.TrackState::of).toList();
        String name = performance.activeName();
        return new Result.Synced("State of '" + name + "'.", new SyncReport(performance.light().status(),
                performance.dirty(), name, performance.position(list), SetlistEntry.of(list), tracks, now.fixture(), now.stems(),
                now.params()));
    }

    Result.Fixtures fixtures() {
        return new Result.Fixtures(fixtures.size() + " fixture(s) declared.", fixtures, live.scene().fixture());
    }

    /**
     * The pre-show check reads every stored asset, which takes seconds for a large show, so it runs
     * on the audio workers and answers from there; the engine thread goes on at once.
     */
    CompletableFuture<Result> check() {
        CompletableFuture<Result> reply = new CompletableFuture<>();
        ProgressStream progress = ProgressStream.start(bus, "check", "");
        workers.submit(() -> store.upkeep().check(progress::report))
                .whenComplete((report, failure) -> {
                    progress.finish();
                    Result result = failure != null
                            ? new Result.Error(Reason.STORAGE_FAILURE, "The check could not run: " + failure.getMessage())
                            : checked(report);
                    bus.drained().thenRun(() -> reply.complete(result));
                });
        return reply;
    }

    private static Result checked(CheckReport report) {
        if (report.problems().isEmpty()) {
            return new Result.Checked("All " + report.checked() + " stored audio asset(s) are intact.", report);
        }
        return new Result.Error(Reason.ASSET_CORRUPT, report.problems().size() + " problem(s) in "
                + report.checked() + " asset(s): " + String.join("; ", report.problems()));
    }
}
