package dev.encore.store;

import java.time.Instant;
import java.util.Set;

/**
 * One retained save of a session: its number (1, 2, ... per session), when it was made, what made
 * it ("save", "copy", "migrated", ...), the audio it uses, and the journal record that holds it.
 */
public record Revision(int number, Instant time, String what, Set<AssetId> assets, long seq) {
    public Revision {
        assets = Set.copyOf(assets);
    }
}
