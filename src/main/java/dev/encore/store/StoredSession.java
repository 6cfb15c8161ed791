package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Set;

/**
 * A committed session as the store holds it: identity, name, times, the schema version its
 * snapshot document was written with (always current once read, older ones are migrated), the
 * asset ids the snapshot references, and the snapshot document itself. Never any audio.
 *
 * <p>The snapshot is a Jackson tree so that the store can migrate old schemas without knowing the
 * session package's types; treat it as immutable.
 */
public record StoredSession(
        SessionId id,
        String name,
        Instant created,
        Instant updated,
        int schemaVersion,
        Set<AssetId> assets,
        ObjectNode snapshot) {

    public StoredSession {
        assets = Set.copyOf(assets);
    }
}
