package dev.encore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import dev.encore.session.Snapshot;
import dev.encore.session.StemOverlay;
import dev.encore.session.Track;
import dev.encore.session.Trim;
import dev.encore.store.AssetId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Snapshots shaped like a real show: a few hundred mixer parameters and one track per audio asset. */
final class Performances {
    static final int PARAMS = 200;
    static final int SONG_SECONDS = 240;

    private Performances() {
    }

    /** {@link #PARAMS} numeric parameters (the first one set to {@code variant}) and a track per asset. */
    static Snapshot snapshot(List<AssetId> audio, double variant) {
        Map<String, JsonNode> params = new TreeMap<>();
        for (int i = 0; i < PARAMS; i++) {
            params.put(path(i), DoubleNode.valueOf(i == 0 ? variant : i / (double) PARAMS));
        }
        List<Track> tracks = new ArrayList<>();
        for (int i = 0; i < audio.size(); i++) {
            tracks.add(new Track("track-" + i, null, audio.get(i), Map.of(), new Trim(0, SONG_SECONDS), "song-" + i + ".wav",
                    48_000, 2, SONG_SECONDS * 48_000L, false));
        }
        return new Snapshot(params, "demo", tracks, StemOverlay.FULL);
    }

    static String path(int i) {
        return "/mix/channel/" + (i / 8) + "/fader/" + (i % 8);
    }
}
