package dev.encore.session;

import dev.encore.store.SessionId;

/** How a controller names a session: by name, by 1-based setlist position, or by stable id. */
public sealed interface SessionRef {
    /**
     * A session by its name.
     *
     * @param name the session's name, compared as README's name rule says
     */
    record ByName(String name) implements SessionRef {
    }

    /**
     * A session by its place in the setlist.
     *
     * @param position 1 for the first song
     */
    record ByPosition(int position) implements SessionRef {
    }

    /**
     * A session by its stable id, which a rename does not change.
     *
     * @param id the session's id
     */
    record ById(SessionId id) implements SessionRef {
    }

    /**
     * A session by its name.
     *
     * @param name the session's name
     * @return the reference
     */
    static SessionRef name(String name) {
        return new ByName(name);
    }

    /**
     * A session by its 1-based setlist position.
     *
     * @param position 1 for the first song
     * @return the reference
     */
    static SessionRef position(int position) {
        return new ByPosition(position);
    }
}
