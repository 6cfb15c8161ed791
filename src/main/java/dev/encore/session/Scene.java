package dev.encore.session;

import dev.encore.store.AssetId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The non-parameter part of the live performance: the selected fixture, the imported tracks and
 * the stem overlay. Immutable and published whole, so the audio thread reads a consistent scene.
 */
public record Scene(String fixture, List<Track> tracks, StemOverlay stems) {
    /** No fixture, no tracks, the full mix. */
    public static final Scene EMPTY = new Scene(null, List.of(), StemOverlay.FULL);

    /**
     * Copies the track list; null tracks are none and a null overlay is the full mix.
     *
     * @param fixture the selected fixture's id, or null
     * @param tracks the imported tracks, in order
     * @param stems the stem overlay
     */
    public Scene {
        tracks = tracks == null ? List.of() : List.copyOf(tracks);
        stems = stems == null ? StemOverlay.FULL : stems;
    }

    static Scene of(Snapshot s) {
        return new Scene(s.fixture(), s.tracks(), s.stems());
    }

    /**
     * Every asset the tracks reference; the store never collects these while they are on stage.
     *
     * @return the asset ids
     */
    public Set<AssetId> assets() {
        Set<AssetId> ids = new HashSet<>();
        tracks.forEach(t -> ids.addAll(t.assets()));
        return ids;
    }

    long hash() {
        return Signature.scene(fixture, tracks, stems);
    }
}
