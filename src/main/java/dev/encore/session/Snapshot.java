package dev.encore.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encore.store.AssetId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything needed to bring a performance back: runtime parameters (path to a typed JSON value),
 * the selected built-in fixture, the imported tracks, and the stem overlay. Audio is referenced by
 * asset id only, never embedded.
 */
public record Snapshot(Map<String, JsonNode> params, String fixture, List<Track> tracks, StemOverlay stems) {
    /** No parameters, no fixture, no tracks, the full mix. */
    public static final Snapshot EMPTY = new Snapshot(Map.of(), null, List.of(), StemOverlay.FULL);

    /**
     * Copies the parameters (sorted by path) and the tracks; nulls are empty.
     *
     * @param params each parameter's path and typed value
     * @param fixture the selected fixture's id, or null
     * @param tracks the imported tracks, in order
     * @param stems the stem overlay
     */
    public Snapshot {
        params = params == null ? Map.of() : Map.copyOf(new TreeMap<>(params));
        tracks = tracks == null ? List.of() : List.copyOf(tracks);
        stems = stems == null ? StemOverlay.FULL : stems;
    }

    /**
     * Every asset the snapshot references; the store keeps these alive.
     *
     * @return the asset ids, in track order
     */
    public Set<AssetId> assets() {
        Set<AssetId> ids = new LinkedHashSet<>();
        for (Track t : tracks) {
            ids.addAll(t.assets());
        }
        return ids;
    }
}
