package dev.encore.session;

import dev.encore.store.SessionId;
import java.time.Instant;

/** A stored session's identity and bookkeeping; its content is a {@link Snapshot}. */
public record Session(SessionId id, String name, Instant created, Instant updated, int schemaVersion) {
}
