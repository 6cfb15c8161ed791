package dev.encore.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.Reason;
import dev.encore.audio.MediaFolders;
import dev.encore.feedback.FeedbackEvent;
import dev.encore.feedback.Status;
import dev.encore.store.StoredSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TracksTest {
    @TempDir
    Path dir;
    Path media;
    Path song;
    Stage stage;

    @BeforeEach
    void files() throws IOException {
        media = Files.createDirectories(dir.resolve("media"));
        song = Wav.stereo(media.resolve("opener.wav"), 48_000, 0.5);
    }

    Stage stage() {
        stage = new Stage(dir.resolve("data"), EngineSettings.DEFAULTS, b -> b.media(MediaFolders.of(media)));
        return stage;
    }

    @AfterEach
    void stop() {
        if (stage != null) {
            stage.close();
        }
    }

    private Track only(Stage s) {
        List<Track> tracks = s.live().scene().tracks();
        assertEquals(1, tracks.size());
        return tracks.get(0);
    }

    private static Track stored(Stage s, String name) {
        StoredSession session = s.engine.store().findByName(name).orElseThrow();
        return SnapshotCodec.decode(session.snapshot(), name).tracks().get(0);
    }

    @Test
    void importingAStereoWavPutsItsTrackOnStageUnsaved() {
        Stage s = stage();
        Result.Ok ok = s.ok(new Action.ImportTrack(song, null, null));

        assertEquals("Imported 'opener.wav' as track 1.", ok.message());
        Track track = only(s);
        assertEquals("opener.wav", track.fileName());
        assertEquals(48_000, track.sampleRate());
        assertEquals(2, track.channels());
        assertEquals(24_000, track.frames());
        assertEquals(new Trim(0, 0.5), track.trim());
        assertFalse(track.restored());
        assertTrue(s.engine.blobs().exists(track.pcm()) && s.engine.blobs().exists(track.original()),
                "the audio is stored when imported, before any save");
        assertEquals(24_000L * 2 * 4, s.engine.blobs().map(track.pcm(), 24_000L * 2 * 4).length());
        List<Double> progress = s.sink.of(FeedbackEvent.Progress.class).stream()
                .filter(p -> p.task().equals("import")).map(FeedbackEvent.Progress::fraction).toList();
        assertEquals(0.0, progress.get(0));
        assertEquals(1.0, progress.get(progress.size() - 1));
        s.pass(100);
        assertEquals(Status.UNSAVED, s.engine.status());
    }

    @Test
    void aSecondImportIsNamedWithItsPositionAndARelativePathIsTakenFromTheMediaFolder() {
        Stage s = stage();
        s.ok(new Action.ImportTrack(song, null, null));
        Result.Ok ok = s.ok(new Action.ImportTrack(Path.of("opener.wav"), 0.1, null));
        assertEquals("Imported 'opener.wav' as track 2.", ok.message());
        assertEquals(new Trim(0.1, 0.5), s.live().scene().tracks().get(1).trim());
    }

    @Test
    void anImportTrimIsKeptAndAnImpossibleOneImportsNothing() {
        Stage s = stage();
        s.ok(new Action.ImportTrack(song, 0.1, 0.4));
        assertEquals(new Trim(0.1, 0.4), only(s).trim());

        s.fails(new Action.ImportTrack(song, 0.3, 0.2), Reason.BAD_ARGUMENTS);
        s.fails(new Action.ImportTrack(song, -1.0, null), Reason.BAD_ARGUMENTS);
        s.fails(new Action.ImportTrack(song, 0.0, 2.0), Reason.BAD_ARGUMENTS);
        assertEquals(1, s.live().scene().tracks().size());
    }

    @Test
    void trimAndRemoveCheckTheTrackPositionAndTheWindow() {
        Stage s = stage();
        s.ok(new Action.ImportTrack(song, null, null));

        s.ok(new Action.TrimTrack(1, 0.05, 0.25));
        assertEquals(new Trim(0.05, 0.25), only(s).trim());
        s.fails(new Action.TrimTrack(1, 0.3, 0.2), Reason.BAD_ARGUMENTS);
        s.fails(new Action.TrimTrack(1, 0, 0.6), Reason.BAD_ARGUMENTS);
        s.fails(new Action.TrimTrack(2, 0, 0.1), Reason.BAD_ARGUMENTS);
        s.fails(new Action.TrimTrack(0, 0, 0.1), Reason.BAD_ARGUMENTS);
        assertEquals(new Trim(0.05, 0.25), only(s).trim(), "a refused trim changes nothing");

        s.fails(new Action.RemoveTrack(2), Reason.BAD_ARGUMENTS);
        assertEquals("Removed track 1 ('opener.wav').", s.ok(new Action.RemoveTrack(1)).message());
        assertTrue(s.live().scene().tracks().isEmpty());
        s.fails(new Action.RemoveTrack(1), Reason.BAD_ARGUMENTS);
    }

    @Test
    void aPathOutsideTheMediaFoldersIsRefusedWithoutChangingTheLiveState() throws IOException {
        Stage s = stage();
        Path outside = Wav.stereo(dir.resolve("secret.wav"), 48_000, 0.1);

        s.fails(new Action.ImportTrack(outside, null, null), Reason.PATH_NOT_ALLOWED);
        s.fails(new Action.ImportTrack(Path.of("../secret.wav"), null, null), Reason.PATH_NOT_ALLOWED);
        assertTrue(s.live().scene().tracks().isEmpty());
        assertTrue(s.sink.of(FeedbackEvent.Progress.class).isEmpty(), "no import was started");
        s.pass(100);
        assertEquals(Status.SAVED, s.engine.status());
    }

    @Test
    void aFileThatIsNotAudioIsRefusedWithoutATrackOrAnErrorLight() throws IOException {
        Stage s = stage();
        Path text = Files.writeString(media.resolve("notes.wav"), "not audio at all");
        s.fails(new Action.ImportTrack(text, null, null), Reason.UNSUPPORTED_AUDIO);
        assertTrue(s.live().scene().tracks().isEmpty());
        s.pass(100);
        assertEquals(Status.SAVED, s.engine.status());
    }

    @Test
    void restoredTracksAreFlaggedAndKeepTheirAssetIdsAcrossSaveCopyAndOpen() {
        Stage s = stage();
        s.ok(new Action.ImportTrack(song, null, null));
        Track imported = only(s);
        s.ok(new Action.Save("One"));
        s.clock.advance(EngineSettings.SAVE_COALESCE_MS);
        s.ok(new Action.SaveCopy("Two"));
        s.clock.advance(EngineSettings.SAVE_COALESCE_MS);

        for (String name : List.of("One", "Two")) {
            assertEquals(imported.assets(), stored(s, name).assets(), name);
            assertEquals(imported.id(), stored(s, name).id(), name);
        }
        s.ok(new Action.Open(SessionRef.name("One")));
        Track back = only(s);
        assertTrue(back.restored());
        assertEquals(imported.assets(), back.assets());
        assertEquals(imported.asRestored(), back);
        assertEquals(imported.asRestored(), s.restored.get(s.restored.size() - 1).tracks().get(0),
                "the host is handed the restored track");
        s.pass(100);
        assertEquals(Status.SAVED, s.engine.status(), "the restored flag alone is no unsaved change");

        s.ok(new Action.TrimTrack(1, 0, 0.3));
        s.ok(new Action.Save(null));
        assertEquals(imported.assets(), stored(s, "One").assets());
    }

    @Test
    void audioOnStageIsNeverCollectedEvenWhenNoSessionHoldsItAnyMore() {
        Stage s = stage();
        s.ok(new Action.ImportTrack(song, null, null));
        s.ok(new Action.Save("Doomed"));
        s.close();
        EngineSettings slowDrafts = Settings.draftDebounceMs(3_600_000);
        stage = s = new Stage(dir.resolve("data"), slowDrafts, b -> b.media(MediaFolders.of(media)));
        Track track = only(s);
        s.ok(new Action.Delete(null, true));
        assertTrue(s.engine.store().bookkeeping().draft(null).isEmpty(), "nothing but the live scene holds the track now");

        s.engine.store().upkeep().collect(java.util.Set.of());
        assertTrue(track.assets().stream().allMatch(s.engine.blobs()::exists));
        assertEquals(track, only(s));
    }
}
