package dev.encore.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.audio.MediaFolders;
import dev.encore.audio.StemExtractor;
import dev.encore.feedback.FeedbackEvent;
import dev.encore.feedback.Status;
import dev.encore.store.AssetId;
import dev.encore.store.MappedAsset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StemsTest {
    @TempDir
    Path dir;
    Path media;
    Path song;
    final CountingExtractor extractor = new CountingExtractor();
    Stage stage;

    @BeforeEach
    void files() throws IOException {
        media = Files.createDirectories(dir.resolve("media"));
        song = Wav.stereo(media.resolve("ballad.wav"), 48_000, 0.5);
    }

    /** Starts (or restarts) the engine on the same data folder and the same counting extractor. */
    Stage stage() {
        if (stage != null) {
            stage.close();
        }
        stage = new Stage(dir.resolve("data"), EngineSettings.DEFAULTS,
                b -> b.media(MediaFolders.of(media)).stemExtractor(extractor::on));
        return stage;
    }

    @AfterEach
    void stop() {
        extractor.gate.countDown();
        if (stage != null) {
            stage.close();
        }
    }

    private static Track track(Stage s) {
        return s.live().scene().tracks().get(0);
    }

    private static Snapshot stored(Stage s, String name) {
        return SnapshotCodec.decode(s.engine.store().findByName(name).orElseThrow().snapshot(), name);
    }

    private static void hasStems(Track t) {
        assertEquals(Set.of(StemExtractor.VOCALS, StemExtractor.INSTRUMENTS), t.stems().keySet());
    }

    private Stage withStemsSaved(String name) {
        Stage s = stage();
        s.ok(new Action.ImportTrack(song, null, null));
        s.ok(new Action.SetSourceMode(SourceMode.VOCALS));
        s.until("stems are attached", () -> !track(s).stems().isEmpty());
        s.ok(new Action.Save(name));
        s.clock.advance(EngineSettings.SAVE_COALESCE_MS);
        return s;
    }

    @Test
    void switchingToVocalsExtractsTheStemsOnceWithProgress() {
        Stage s = stage();
        s.ok(new Action.ImportTrack(song, null, null));
        assertEquals(0, extractor.calls.get(), "full mode needs no stems");

        s.ok(new Action.SetSourceMode(SourceMode.VOCALS));
        assertEquals(SourceMode.VOCALS, s.live().scene().stems().mode());
        s.until("stems are attached", () -> !track(s).stems().isEmpty());
        hasStems(track(s));
        assertTrue(track(s).stems().values().stream().allMatch(s.engine.blobs()::exists));
        assertTrue(s.sink.of(FeedbackEvent.Progress.class).stream()
                .anyMatch(p -> p.task().equals("stems") && p.fraction() == 1.0));

        s.ok(new Action.SetSourceMode(SourceMode.FULL));
        s.ok(new Action.SetSourceMode(SourceMode.INSTRUMENTS));
        s.pass(100);
        assertEquals(1, extractor.calls.get());
    }

    @Test
    void openingASessionWithCachedStemsNeverExtractsAndHandsTheHostTheStemBuffers() {
        Stage s = withStemsSaved("Sung");
        Track sung = track(s);
        s.ok(new Action.SetSourceMode(SourceMode.FULL));
        s.ok(new Action.RemoveTrack(1));
        s.ok(new Action.SaveCopy("Empty"));
        s.ok(new Action.Open(SessionRef.name("Sung")));

        Map<AssetId, MappedAsset> audio = s.restoredAudio.get(s.restoredAudio.size() - 1);
        assertTrue(audio.keySet().containsAll(sung.stems().values()));
        MappedAsset vocals = audio.get(sung.stems().get(StemExtractor.VOCALS));
        assertEquals(sung.frames() * sung.channels() * 4, vocals.length());
        assertEquals(1, extractor.calls.get());
    }

    @Test
    void theStemCacheOutlivesTheEngineSoTheSameAudioIsNeverExtractedTwice() {
        Stage s = withStemsSaved("Sung");
        Track sung = track(s);
        s = stage();
        s.ok(new Action.RemoveTrack(1));
        s.ok(new Action.ImportTrack(song, null, null));
        Stage reopened = s;
        s.until("cached stems are attached", () -> !track(reopened).stems().isEmpty());
        assertEquals(sung.stems(), track(s).stems());

        Snapshot raw = new Snapshot(Map.of(), null,
                List.of(sung.withStems(Map.of())), StemOverlay.FULL.withMode(SourceMode.VOCALS));
        s.engine.store().create("Raw", SnapshotCodec.encode(raw), raw.assets());
        s.ok(new Action.Open(SessionRef.name("Raw")));
        Map<AssetId, MappedAsset> audio = s.restoredAudio.get(s.restoredAudio.size() - 1);
        assertTrue(audio.keySet().containsAll(sung.stems().values()), "the host gets the cached stems");
        s.pass(100);
        assertEquals(Status.SAVED, s.engine.status());
        assertEquals(1, extractor.calls.get());
    }

    @Test
    void openingANonFullSessionWithoutCachedStemsExtractsExactlyOnce() {
        extractor.gate = new CountDownLatch(1);
        Stage s = stage();
        s.ok(new Action.ImportTrack(song, null, null));
        s.ok(new Action.SetSourceMode(SourceMode.VOCALS));
        s.ok(new Action.Save("Pending"));
        s.close();
        extractor.calls.set(0);
        extractor.gate.countDown();
        s = stage();
        Stage reopened = s;

        s.until("stems are attached", () -> !track(reopened).stems().isEmpty());
        s.pass(100);
        assertEquals(1, extractor.calls.get());
        hasStems(stored(s, "Pending").tracks().get(0));
        assertEquals(Status.SAVED, s.engine.status());
    }

    @Test
    void aSaveDuringASlowExtractionReturnsAtOnceAndTheSessionGetsTheStemsLater() {
        extractor.gate = new CountDownLatch(1);
        Stage s = stage();
        s.ok(new Action.ImportTrack(song, null, null));
        Result.Ok mode = s.ok(new Action.SetSourceMode(SourceMode.VOCALS));
        assertTrue(mode.message().contains("extracting the stems of 1 track"), mode.message());

        assertEquals("Saved 'Live'.", s.ok(new Action.Save("Live")).message());
        Snapshot saved = stored(s, "Live");
        assertEquals(SourceMode.VOCALS, saved.stems().mode());
        assertTrue(saved.tracks().get(0).stems().isEmpty());
        s.pass(100);
        assertEquals(Status.SAVED, s.engine.status());

        extractor.gate.countDown();
        s.until("the saved session has stems", () -> !stored(s, "Live").tracks().get(0).stems().isEmpty());
        assertEquals(track(s).stems(), stored(s, "Live").tracks().get(0).stems());
        s.pass(EngineSettings.DRAFT_DEBOUNCE_MS + 100);
        assertEquals(Status.SAVED, s.engine.status(), "attaching stems is no unsaved change");
        assertTrue(s.engine.store().bookkeeping().draft(s.engine.store().bookkeeping().active().orElseThrow()).isEmpty());
    }

    @Test
    void aFailedExtractionShowsAnErrorAndTheSessionStillOpensInFullMode() {
        extractor.failing = true;
        Stage s = stage();
        s.ok(new Action.ImportTrack(song, null, null));
        s.ok(new Action.Save("Song"));
        s.clock.advance(EngineSettings.SAVE_COALESCE_MS);
        s.ok(new Action.SetSourceMode(SourceMode.VOCALS));

        s.until("the error is shown", () -> s.engine.status() == Status.ERROR);
        FeedbackEvent.StatusChanged error = s.sink.last(FeedbackEvent.StatusChanged.class);
        assertTrue(error.message().contains("Stem extraction of 'ballad.wav' failed"), error.message());
        assertTrue(track(s).stems().isEmpty());
        s.pass(100);
        assertEquals(1, extractor.calls.get(), "a failure is not retried by itself");

        s.ok(new Action.SetSourceMode(SourceMode.FULL));
        s.ok(new Action.Save(null));
        s.clock.advance(EngineSettings.SAVE_COALESCE_MS);
        s.ok(new Action.SaveCopy("Other"));
        s.ok(new Action.Open(SessionRef.name("Song")));
        assertEquals(SourceMode.FULL, s.live().scene().stems().mode());
        assertEquals(1, s.live().scene().tracks().size());
        s.pass(100);
        assertEquals(Status.SAVED, s.engine.status());

        extractor.failing = false;
        s.ok(new Action.SetSourceMode(SourceMode.VOCALS));
        s.until("a retry attaches the stems", () -> !track(s).stems().isEmpty());
        assertEquals(2, extractor.calls.get());
    }
}
