package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Set;

/** Unsaved live changes kept with their session, so switching away and back (or a crash) loses nothing. */
public record StoredDraft(SessionId session, Instant updated, Set<AssetId> assets, ObjectNode snapshot) {
    public StoredDraft {
        assets = Set.copyOf(assets);
    }
}
