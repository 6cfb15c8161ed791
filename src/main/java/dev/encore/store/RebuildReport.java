package dev.encore.store;

import java.util.List;

/** What a rebuild from the journal restored, and what audio its sessions name that is missing. */
public record RebuildReport(int sessions, List<String> missingAudio) {
    public RebuildReport {
        missingAudio = List.copyOf(missingAudio);
    }
}
