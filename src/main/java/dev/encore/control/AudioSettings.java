package dev.encore.control;

/** The {@code audio:} section: the sample rate imports are decoded to, and stem extraction. */
public record AudioSettings(Integer sampleRate, StemSettings stems) {
    public AudioSettings {
        sampleRate = sampleRate == null ? 48_000 : sampleRate;
        stems = stems == null ? StemSettings.defaults() : stems;
    }

    static AudioSettings defaults() {
        return new AudioSettings(null, null);
    }
}
