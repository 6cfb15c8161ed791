package dev.encore.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.feedback.FeedbackEvent;
import dev.encore.feedback.Status;
import dev.encore.store.AssetId;
import dev.encore.store.MappedAsset;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineBuilderTest {
    @TempDir
    Path dir;

    /** A minimal embedding host: it plays the first track's PCM and lets its "audio thread" move a fader. */
    static final class TinyHost {
        volatile FloatBuffer playing;
        final List<Status> lights = new CopyOnWriteArrayList<>();

        void restore(Snapshot snapshot, Map<AssetId, MappedAsset> audio) {
            playing = snapshot.tracks().isEmpty() ? null : audio.get(snapshot.tracks().get(0).pcm()).floats();
        }

        final List<FeedbackEvent.SessionChanged> display = new CopyOnWriteArrayList<>();

        void feedback(FeedbackEvent event) {
            if (event instanceof FeedbackEvent.SessionChanged s) {
                display.add(s);
            }
        }
    }

    @Test
    void anEmbeddingHostDrivesTheEngineThroughTheBuilder() throws Exception {
        TinyHost host = new TinyHost();
        SessionEngine engine = SessionEngine.builder(dir)
                .settings(Settings.of(SwitchPolicy.KEEP_DRAFT, true, EngineSettings.DRAFT_DEBOUNCE_MS, List.of()))
                .onRestore(host::restore)
                .onStatus(host.lights::add)
                .feedback(host::feedback)
                .start();
        try {
            ParamHandle gain = engine.live().param("/mix/gain");
            Thread audio = new Thread(() -> {
                for (int i = 0; i <= 1000; i++) {
                    gain.set(i / 1000.0);
                }
            });
            audio.start();
            audio.join();
            byte[] pcm = new byte[4 * 480];
            java.nio.ByteBuffer.wrap(pcm).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(0, 0.25f);
            AssetId pcmId = engine.blobs().put(pcm);
            engine.live().addTrack(new Track("kick", null, pcmId, Map.of(), new Trim(0, 0.01), "kick.wav", 48_000, 1, 480, false));

            assertTrue(engine.submit(new Action.Save("Opener")).get(10, TimeUnit.SECONDS).ok());
            engine.live().removeTrack(0);
            assertTrue(engine.submit(new Action.SaveCopy("Interlude")).get(10, TimeUnit.SECONDS).ok());
            assertTrue(engine.submit(new Action.Next()).get(10, TimeUnit.SECONDS).ok());
            engine.settle().get(10, TimeUnit.SECONDS);

            assertNotNull(host.playing, "the host got the Opener's PCM before next completed");
            assertEquals(0.25f, host.playing.get(0));
            assertEquals(1.0, gain.get());
            assertEquals(Status.SAVED, engine.status());
            assertEquals(Status.SAVED, host.lights.get(host.lights.size() - 1));
            assertTrue(host.lights.contains(Status.SAVING));
            assertEquals(new FeedbackEvent.SessionChanged("Opener", 1, 2), host.display.get(host.display.size() - 1));
        } finally {
            engine.close();
        }
    }

    @Test
    void settingsOutOfRangeAreRefusedWithTheirFix() {
        EncoreException e = assertThrows(EncoreException.class, () -> new EngineSettings(SwitchPolicy.SAVE, 0, false,
                50, 1000, 200, 120_000, List.of()));
        assertEquals(Reason.BAD_ARGUMENTS, e.reason());
        assertTrue(e.getMessage().contains("arming window"));
        assertEquals(SwitchPolicy.KEEP_DRAFT, SwitchPolicy.parse(" Keep-Draft "));
        assertEquals(Reason.BAD_ARGUMENTS, assertThrows(EncoreException.class, () -> SwitchPolicy.parse("later")).reason());
    }
}
