package dev.encore.control;

import dev.encore.audio.AudioImporter;

/** The {@code audio:} section: the sample rate imports are decoded to, and stem extraction. */
public record AudioSettings(Integer sampleRate, StemSettings stems) {
    public AudioSettings {
        sampleRate = sampleRate == null ? AudioImporter.DEFAULT_SAMPLE_RATE : sampleRate;
        stems = stems == null ? StemSettings.defaults() : stems;
    }

    static AudioSettings defaults() {
        return new AudioSettings(null, null);
    }
}
