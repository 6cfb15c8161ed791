package dev.encore.control;

import java.util.List;

/**
 * The {@code audio.stems:} section: which extractor splits tracks into stems, and for an external
 * one its command line, where {@code {input}} and {@code {outdir}} are replaced per track, and how
 * long it may run (null when the map leaves it out: the extractor's own default).
 */
public record StemSettings(StemExtractorKind extractor, List<String> command, Integer timeoutS) {
    public StemSettings {
        extractor = extractor == null ? StemExtractorKind.BUILTIN : extractor;
        command = command == null ? List.of() : List.copyOf(command);
    }

    static StemSettings defaults() {
        return new StemSettings(null, null, null);
    }
}
