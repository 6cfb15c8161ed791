package dev.encore.store;

import java.nio.file.Path;
import java.util.List;

/** What a rebuild from manifests restored, what audio it found missing, and where the old index went. */
public record RebuildReport(int sessions, List<String> missingAudio, Path movedAside) {
    public RebuildReport {
        missingAudio = List.copyOf(missingAudio);
    }
}
