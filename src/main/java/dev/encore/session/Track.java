package dev.encore.session;

import dev.encore.store.AssetId;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A custom track the performer imported: its stable id, the assets holding the original file,
 * the decoded PCM (float32 little-endian interleaved at {@code sampleRate}) and each cached stem
 * (by stem name: vocals, instruments), the trim window, the original file name, and whether this
 * track came back from a stored session ({@code restored}).
 */
public record Track(
        String id,
        AssetId original,
        AssetId pcm,
        Map<String, AssetId> stems,
        Trim trim,
        String fileName,
        int sampleRate,
        int channels,
        long frames,
        boolean restored) {

    public Track {
        stems = stems == null ? Map.of() : Map.copyOf(new TreeMap<>(stems));
    }

    public double durationSeconds() {
        return sampleRate == 0 ? 0 : (double) frames / sampleRate;
    }

    public Track withTrim(Trim t) {
        return new Track(id, original, pcm, stems, t.within(durationSeconds()), fileName, sampleRate, channels, frames, restored);
    }

    public Track withStems(Map<String, AssetId> s) {
        return new Track(id, original, pcm, s, trim, fileName, sampleRate, channels, frames, restored);
    }

    public Track asRestored() {
        return restored ? this : new Track(id, original, pcm, stems, trim, fileName, sampleRate, channels, frames, true);
    }

    /** Every asset this track references, original first. */
    public Set<AssetId> assets() {
        Set<AssetId> ids = new LinkedHashSet<>();
        if (original != null) {
            ids.add(original);
        }
        if (pcm != null) {
            ids.add(pcm);
        }
        ids.addAll(stems.values());
        return ids;
    }
}
