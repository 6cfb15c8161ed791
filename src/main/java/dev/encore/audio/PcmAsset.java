package dev.encore.audio;

import dev.encore.store.AssetId;
import dev.encore.store.BlobStore;
import dev.encore.store.MappedAsset;

/**
 * One stored piece of decoded audio: float32 little-endian interleaved samples at
 * {@code sampleRate} with {@code channels} channels, {@code frames} long. Its blob holds exactly
 * {@code frames * channels * 4} bytes.
 */
public record PcmAsset(AssetId id, int sampleRate, int channels, long frames) {

    public long bytes() {
        return frames * channels * Float.BYTES;
    }

    public double durationSeconds() {
        return (double) frames / sampleRate;
    }

    /** Maps the blob, checking its length against the frame count. */
    public MappedAsset map(BlobStore store) {
        return store.map(id, bytes());
    }
}
