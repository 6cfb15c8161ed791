package dev.encore.audio;

import dev.encore.store.AssetId;

/**
 * What an import produced: the original file's bytes and its decoded PCM (float32 little-endian,
 * interleaved, at the engine's {@code sampleRate}), both stored as blobs, with the facts a track
 * needs. The engine builds its track from this.
 */
public record ImportedAudio(AssetId original, AssetId pcm, String fileName, int sampleRate, int channels, long frames) {

    public double durationSeconds() {
        return (double) frames / sampleRate;
    }

    /** The decoded PCM alone, as stem extraction takes it. */
    public PcmAsset pcmAsset() {
        return new PcmAsset(pcm, sampleRate, channels, frames);
    }
}
