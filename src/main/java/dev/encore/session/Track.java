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

    /**
     * Copies the stems (sorted by name); null stems are none.
     *
     * @param id the track's stable id
     * @param original the imported file's bytes
     * @param pcm the decoded float32 PCM
     * @param stems each cached stem's PCM, by stem name
     * @param trim the part that plays
     * @param fileName the imported file's name
     * @param sampleRate the PCM's sample rate in Hz
     * @param channels the PCM's channel count
     * @param frames the PCM's length in frames
     * @param restored true when the track came back from a stored session
     */
    public Track {
        stems = stems == null ? Map.of() : Map.copyOf(new TreeMap<>(stems));
    }

    /**
     * The PCM's duration.
     *
     * @return frames divided by the sample rate, in seconds
     */
    public double durationSeconds() {
        return sampleRate == 0 ? 0 : (double) frames / sampleRate;
    }

    /**
     * This track with another trim.
     *
     * @param t the new window, which must end within the track
     * @return the new track
     */
    public Track withTrim(Trim t) {
        return new Track(id, original, pcm, stems, t.within(durationSeconds()), fileName, sampleRate, channels, frames, restored);
    }

    /**
     * This track with other stems.
     *
     * @param s each stem's PCM, by stem name
     * @return the new track
     */
    public Track withStems(Map<String, AssetId> s) {
        return new Track(id, original, pcm, s, trim, fileName, sampleRate, channels, frames, restored);
    }

    /**
     * This track flagged as come back from a stored session.
     *
     * @return the flagged track
     */
    public Track asRestored() {
        return restored ? this : new Track(id, original, pcm, stems, trim, fileName, sampleRate, channels, frames, true);
    }

    /**
     * Every asset this track references, original first.
     *
     * @return the asset ids
     */
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
