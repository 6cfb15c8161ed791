package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.audio.AudioWorkers;
import dev.encore.audio.ImportedAudio;
import dev.encore.audio.MediaFolders;
import dev.encore.feedback.FeedbackBus;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Runs the actions that change the live scene: import (decoded on the audio workers, answered when
 * the track is on stage), trim, remove, source mode and fixture selection. Confined to the engine
 * thread; an import in progress never holds it.
 */
final class Tracks {
    private final LiveState live;
    private final FeedbackBus bus;
    private final MediaFolders folders;
    private final AudioWorkers workers;
    private final Stems stems;
    private final StatusLight light;
    private final List<String> fixtures;
    private final Consumer<Runnable> post;
    private final Map<CompletableFuture<Result>, Running> importing = new HashMap<>();

    /** An import in progress: its progress pushes and its read side on the audio worker. */
    private record Running(ProgressStream progress, AudioWorkers.Import audio) {
        void cancel(String message) {
            progress.cancel();
            audio.watch().cancel(message);
        }
    }

    Tracks(LiveState live, FeedbackBus bus, MediaFolders folders, AudioWorkers workers, Stems stems, StatusLight light,
            List<String> fixtures, Consumer<Runnable> post) {
        this.live = live;
        this.bus = bus;
        this.folders = folders;
        this.workers = workers;
        this.stems = stems;
        this.light = light;
        this.fixtures = fixtures;
        this.post = post;
    }

    /**
     * Checks the path and trim now (PATH_NOT_ALLOWED, BAD_ARGUMENTS) and starts the import; the
     * answer completes once the track is on stage or the import failed.
     */
    CompletableFuture<Result> importTrack(Action.ImportTrack a) {
        return light.start(a.verb(), reply -> {
            Path file = folders.resolve(a.file());
            requested(a);
            ProgressStream progress = ProgressStream.start(bus, "import", file.getFileName().toString());
            AudioWorkers.Import running = workers.importFile(file, progress::report);
            importing.put(reply, new Running(progress, running));
            running.result().whenComplete((audio, error) -> post.accept(() -> finishImport(a, audio, error, reply, progress)));
        });
    }

    /**
     * Cancels the imports still running when the engine stops and answers them: a worker blocked
     * reading the file or waiting on ffmpeg is let go at once (the file is closed, ffmpeg killed).
     */
    void stop() {
        importing.forEach((r, running) -> {
            String message = "The engine stopped before the import of '" + running.progress().item() + "' finished; nothing was kept.";
            running.cancel(message);
            r.complete(new Result.Error(Reason.BUSY, message));
        });
        importing.clear();
    }

    Result cancel(Action.CancelImport c) {
        List<Running> matching = importing.values().stream()
                .filter(r -> c.fileName() == null || r.progress().item().equals(c.fileName())).toList();
        if (matching.isEmpty()) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, c.fileName() == null ? "No import is running."
                    : "No import of '" + c.fileName() + "' is running; give the file's name without its folder.");
        }
        matching.forEach(r -> r.cancel("The import of '" + r.progress().item() + "' was cancelled; nothing was kept."));
        return new Result.Done("Cancelling " + matching.size() + " import(s); each is answered when it has stopped.");
    }

    /** Selects a declared fixture; NO_SUCH_FIXTURE, changing nothing, for any other id. */
    Result selectFixture(Action.SelectFixture f) {
        String id = f.fixtureId().strip();
        if (!fixtures.contains(id)) {
            throw new EncoreException(Reason.NO_SUCH_FIXTURE, "No fixture is declared with the id '"
                    + SessionNames.visible(id) + "'; nothing changed. " + (fixtures.isEmpty()
                    ? "No fixtures are declared: list them under session.fixtures in osc-map.yaml."
                    : "Declared: " + String.join(", ", fixtures) + "."));
        }
        live.selectFixture(id);
        return new Result.Done("Selected fixture '" + id + "'.");
    }

    private void finishImport(Action.ImportTrack a, ImportedAudio audio, Throwable error, CompletableFuture<Result> reply,
            ProgressStream progress) {
        if (importing.remove(reply) == null) {
            return;
        }
        Result result = light.run(a.verb(), () -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw new EncoreException(Reason.GENERAL, "Import of " + a.file() + " failed: " + cause, cause);
            }
            double duration = audio.durationSeconds();
            Trim trim = a.trimStartSeconds() == null && a.trimEndSeconds() == null
                    ? (audio.frames() > 0 ? new Trim(0, duration) : null)
                    : new Trim(a.trimStartSeconds() == null ? 0 : a.trimStartSeconds(),
                            a.trimEndSeconds() == null ? duration : a.trimEndSeconds()).within(duration);
            Track track = new Track(UUID.randomUUID().toString(), audio.original(), audio.pcm(), Map.of(), trim,
                    audio.fileName(), audio.sampleRate(), audio.channels(), audio.frames(), false);
            live.addTrack(track);
            int position = positionOf(track.id());
            return new Result.TrackImported("Imported '" + track.fileName() + "' as track " + position + ".", track, position);
        });
        // The one 1.0 goes out before the reply: the reply waits until the feedback thread has sent it.
        progress.finish();
        bus.drained().thenRun(() -> reply.complete(result));
    }

    /** Checks a requested trim before any audio work: start >= 0 and end > start where given. */
    private static void requested(Action.ImportTrack a) {
        Double start = a.trimStartSeconds();
        Double end = a.trimEndSeconds();
        if (start != null || end != null) {
            new Trim(start == null ? 0 : start, end == null ? Double.MAX_VALUE : end);
        }
    }

    Result trim(Action.TrimTrack t) {
        int index = index(t.position());
        Trim trim = new Trim(t.startSeconds(), t.endSeconds());
        live.trimTrack(index, trim);
        return new Result.Done("Trimmed track " + t.position() + " to " + t.startSeconds() + "-" + t.endSeconds() + " s.");
    }

    Result remove(Action.RemoveTrack r) {
        int index = index(r.position());
        String name = live.scene().tracks().get(index).fileName();
        live.removeTrack(index);
        return new Result.Done("Removed track " + r.position() + " ('" + name + "').");
    }

    Result sourceMode(SourceMode mode) {
        live.setStems(live.scene().stems().withMode(mode));
        if (mode == SourceMode.FULL) {
            return new Result.Done("Source mode full.");
        }
        stems.retry();
        stems.ensure();
        int pending = stems.extracting();
        return new Result.Done("Source mode " + mode.wireName() + (pending == 0 ? "."
                : "; extracting the stems of " + pending + " track(s), which play the full mix until they are ready."));
    }

    private int index(int position) {
        List<Track> tracks = live.scene().tracks();
        if (position < 1 || position > tracks.size()) {
            throw new EncoreException(Reason.BAD_ARGUMENTS,
                    "No track " + position + ": the live scene has " + tracks.size() + " track(s), numbered from 1.");
        }
        return position - 1;
    }

    private int positionOf(String trackId) {
        List<Track> tracks = live.scene().tracks();
        for (int i = 0; i < tracks.size(); i++) {
            if (tracks.get(i).id().equals(trackId)) {
                return i + 1;
            }
        }
        return tracks.size();
    }
}
