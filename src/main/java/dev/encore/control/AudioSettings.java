package dev.encore.control;

/**
 * The {@code audio:} section: the sample rate imports are decoded to (null when the map leaves it
 * out: the importer's own default), and stem extraction.
 */
public record AudioSettings(Integer sampleRate, StemSettings stems) {
    public AudioSettings {
        stems = stems == null ? StemSettings.defaults() : stems;
    }

    static AudioSettings defaults() {
        return new AudioSettings(null, null);
    }
}
