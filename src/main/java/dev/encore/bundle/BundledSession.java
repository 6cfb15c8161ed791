package dev.encore.bundle;

import dev.encore.store.StoredSession;
import java.util.List;

/** One session in a bundle: its retained revisions oldest first, the last one being what it is now. */
public record BundledSession(List<StoredSession> revisions) {
    public BundledSession {
        revisions = List.copyOf(revisions);
        if (revisions.isEmpty()) {
            throw new IllegalArgumentException("a bundled session has at least one revision");
        }
    }

    public StoredSession current() {
        return revisions.get(revisions.size() - 1);
    }
}
