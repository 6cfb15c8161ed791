package dev.encore.audio;

import dev.encore.store.AssetId;
import dev.encore.store.BlobStore;
import java.nio.FloatBuffer;

/**
 * The audio a stem extractor reads: a PCM blob's id (for the cache key) and its samples as a
 * memory-mapped float32 little-endian interleaved view, with the rate and channel count.
 */
public record StemSource(AssetId id, FloatBuffer samples, int sampleRate, int channels) {

    /** Maps a stored PCM asset. */
    public static StemSource of(PcmAsset pcm, BlobStore store) {
        return new StemSource(pcm.id(), pcm.map(store).floats(), pcm.sampleRate(), pcm.channels());
    }

    public long frames() {
        return samples.limit() / channels;
    }
}
