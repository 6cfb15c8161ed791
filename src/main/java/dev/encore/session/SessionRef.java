package dev.encore.session;

import dev.encore.store.SessionId;

/** How a controller names a session: by name, by 1-based setlist position, or by stable id. */
public sealed interface SessionRef {
    record ByName(String name) implements SessionRef {
    }

    record ByPosition(int position) implements SessionRef {
    }

    record ById(SessionId id) implements SessionRef {
    }

    static SessionRef name(String name) {
        return new ByName(name);
    }

    static SessionRef position(int position) {
        return new ByPosition(position);
    }
}
