package example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.encore.audio.MediaFolders;
import dev.encore.feedback.FeedbackEvent;
import dev.encore.session.Action;
import dev.encore.session.EngineFailure;
import dev.encore.session.ParamHandle;
import dev.encore.session.Result;
import dev.encore.session.SessionEngine;
import dev.encore.session.Snapshot;
import dev.encore.session.SourceMode;
import dev.encore.session.Track;
import dev.encore.store.AssetId;
import dev.encore.store.MappedAsset;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A small JVM audio host built on Encore's host API, as a performer's own player would use it:
 * {@code java -cp encore.jar:... example.ExampleHost DATA_DIR AUDIO_FILE}.
 *
 * <p>The first run imports AUDIO_FILE (from its folder, the host's only media folder), asks for
 * its stems, moves a fader and sets a scene title from its own control thread, and saves the
 * session "Example song". Every later run gets that session back in its restore callback at
 * start-up: the snapshot's parameters, and the track's PCM and stems as memory-mapped float
 * buffers, which it "plays" by reading every sample and printing what it read.
 */
public final class ExampleHost {
    static final String SESSION = "Example song";

    private ExampleHost() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ExampleHost DATA_DIR AUDIO_FILE");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        Path audio = Path.of(args[1]).toAbsolutePath();
        Player player = new Player();
        SessionEngine engine = SessionEngine.builder(data)
                .media(MediaFolders.of(audio.getParent()))
                .onRestore(player::restore)           // engine thread, before the open is reported done
                .onStatus(status -> System.out.println("status " + status))
                .feedback(ExampleHost::show)
                .onFailure(ExampleHost::failed)       // the host decides; this one stops with code 3
                .start();                             // reopens the last session, calling player.restore
        try {
            if (player.restored == 0) {
                record(engine, audio);
            }
        } finally {
            engine.close();                           // journals unsaved changes, closes the store
        }
    }

    /** The first run: a track with its stems, two parameters moved from another thread, one save. */
    private static void record(SessionEngine engine, Path audio) throws Exception {
        Result imported = engine.submit(new Action.ImportTrack(audio.getFileName(), null, null)).get(60, TimeUnit.SECONDS);
        System.out.println("import " + imported);
        engine.submit(new Action.SetSourceMode(SourceMode.VOCALS)).get(60, TimeUnit.SECONDS);
        while (engine.live().scene().tracks().get(0).stems().isEmpty()) {
            engine.settle().get(60, TimeUnit.SECONDS);  // stems are extracted on the audio workers
            Thread.sleep(20);
        }

        ParamHandle gain = engine.live().param("/mix/gain");      // once, at set-up
        Thread control = new Thread(() -> {
            for (int step = 0; step <= 1_000; step++) {
                gain.set(step / 1_250.0);                          // O(1), lock-free, no allocation
            }
            engine.live().setParam("/scene/title", TextNode.valueOf("Encore, take 1"));
        }, "example-control");
        control.start();
        control.join();

        Result saved = engine.submit(new Action.Save(SESSION)).get(60, TimeUnit.SECONDS);
        System.out.println("save " + saved);
        System.out.println("saved params " + params(engine.live().snapshot()));
    }

    private static void show(FeedbackEvent event) {
        if (event instanceof FeedbackEvent.SessionChanged s) {
            System.out.println("session '" + s.name() + "' " + s.position() + "/" + s.count());
        }
    }

    private static void failed(EngineFailure failure) {
        System.err.println(failure.describe());
        System.err.println(failure.engineStack());
        System.exit(3);
    }

    private static Map<String, String> params(Snapshot snapshot) {
        Map<String, String> values = new TreeMap<>();
        for (Map.Entry<String, JsonNode> p : snapshot.params().entrySet()) {
            values.put(p.getKey(), p.getValue().toString());
        }
        return values;
    }

    /** Stands in for the host's audio engine: takes what a restore hands over and reads every sample. */
    static final class Player {
        int restored;

        void restore(Snapshot snapshot, Map<AssetId, MappedAsset> buffers) {
            restored++;
            System.out.println("restored params " + params(snapshot));
            for (Track track : snapshot.tracks()) {
                System.out.println("restored track " + track.fileName() + " " + track.frames() + " frames x "
                        + track.channels() + " at " + track.sampleRate() + " Hz");
                System.out.println("restored pcm " + describe(buffers.get(track.pcm()).floats()));
                for (Map.Entry<String, AssetId> stem : track.stems().entrySet()) {
                    System.out.println("restored stem " + stem.getKey() + " " + describe(buffers.get(stem.getValue()).floats()));
                }
            }
        }

        /**
         * The samples read from a buffer: how many, and a checksum of them as 16-bit values
         * ({@code sum of (i + 1) * round(sample * 32768)}), which a test can compute from the WAV file.
         */
        static String describe(FloatBuffer samples) {
            FloatBuffer view = samples.duplicate();
            long count = 0;
            long checksum = 0;
            while (view.hasRemaining()) {
                count++;
                checksum += count * Math.round(view.get() * 32_768.0);
            }
            return count + " samples checksum " + checksum;
        }
    }
}
