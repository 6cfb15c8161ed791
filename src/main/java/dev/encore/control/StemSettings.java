package dev.encore.control;

import dev.encore.audio.CommandStemExtractor;
import java.util.List;

/**
 * The {@code audio.stems:} section: which extractor splits tracks into stems, and for an external
 * one its command line, where {@code {input}} and {@code {outdir}} are replaced per track.
 */
public record StemSettings(StemExtractorKind extractor, List<String> command, Integer timeoutS) {
    public StemSettings {
        extractor = extractor == null ? StemExtractorKind.BUILTIN : extractor;
        command = command == null ? List.of() : List.copyOf(command);
        timeoutS = timeoutS == null ? (int) CommandStemExtractor.Config.DEFAULT_TIMEOUT.toSeconds() : timeoutS;
    }

    static StemSettings defaults() {
        return new StemSettings(null, null, null);
    }
}
