package dev.encore.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers what is stored from the {@link StoreState} in memory: no snapshot decoded, no journal
 * or audio read. Each answer is taken under the store's lock (the state's monitor).
 */
final class Catalog {
    private final StoreState state;

    Catalog(StoreState state) {
        this.state = state;
    }

    /** Every session in setlist order. */
    List<SessionSummary> list() {
        synchronized (state) {
            List<SessionSummary> out = new ArrayList<>(state.setlist.size());
            for (int i = 0; i < state.setlist.size(); i++) {
                SessionHistory h = state.sessions.get(state.setlist.get(i));
                SessionContent s = h.content();
                out.add(new SessionSummary(s.id(), s.name(), s.updated(), i + 1, state.drafts.containsKey(s.id().value()), h.audioBytes()));
            }
            return out;
        }
    }

    List<SessionId> setlist() {
        synchronized (state) {
            return List.copyOf(state.setlist);
        }
    }

    Optional<StoredSession> find(SessionId id) {
        synchronized (state) {
            SessionHistory h = state.sessions.get(id);
            return h == null ? Optional.empty() : Optional.of(h.current());
        }
    }

    Optional<StoredSession> findByName(String name) {
        synchronized (state) {
            SessionId id = state.names.get(Names.key(name));
            return id == null ? Optional.empty() : find(id);
        }
    }

    boolean nameTaken(String name) {
        synchronized (state) {
            return state.names.containsKey(Names.key(name));
        }
    }

    /** Whether a live or deleted session has this id. */
    boolean knows(SessionId id) {
        synchronized (state) {
            return state.sessions.containsKey(id) || state.deleted.containsKey(id);
        }
    }

    /**
     * Whether a live or deleted session has this id or one at most two digits from it. A damaged
     * record's id that reads as a near neighbour of a known id is that session's id hit by the
     * damage: two random 64-bit ids that close are about one chance in 10^14.
     */
    boolean knowsAlike(SessionId id) {
        synchronized (state) {
            if (knows(id)) {
                return true;
            }
            for (SessionId known : state.sessions.keySet()) {
                if (digitsApart(known, id) <= 2) {
                    return true;
                }
            }
            for (SessionId known : state.deleted.keySet()) {
                if (digitsApart(known, id) <= 2) {
                    return true;
                }
            }
            return false;
        }
    }

    private static int digitsApart(SessionId a, SessionId b) {
        int apart = 0;
        for (int i = 0; i < a.value().length(); i++) {
            apart += a.value().charAt(i) == b.value().charAt(i) ? 0 : 1;
        }
        return apart;
    }

    /** {@code wanted}, or the first of "wanted (2)", "wanted (3)", ... that no session uses. */
    String uniqueName(String wanted) {
        synchronized (state) {
            return LegacyMigration.uniqueName(state, wanted);
        }
    }

    Optional<StoredDraft> draft(SessionId session) {
        synchronized (state) {
            return Optional.ofNullable(state.drafts.get(StoreState.draftKey(session)));
        }
    }

    Optional<SessionId> active() {
        synchronized (state) {
            return Optional.ofNullable(state.active);
        }
    }

    Optional<String> meta(String key) {
        synchronized (state) {
            return Optional.ofNullable(state.meta.get(key));
        }
    }

    Optional<Map<String, AssetId>> cachedStems(String key) {
        synchronized (state) {
            return Optional.ofNullable(state.stems.get(key));
        }
    }

    /** Sessions whose current content was committed after {@code seq}. */
    List<StoredSession> changedAfter(long seq) {
        synchronized (state) {
            List<StoredSession> out = new ArrayList<>();
            for (SessionId id : state.setlist) {
                SessionHistory h = state.sessions.get(id);
                Revision head = h.revision(h.head());
                if (head != null && head.seq() > seq) {
                    out.add(h.current());
                }
            }
            return out;
        }
    }

    /** The shape of the session most likely saved next: the active one, else the one saved last; null when there is none. */
    SessionContent likelyNextSave() {
        synchronized (state) {
            SessionHistory next = state.active == null ? null : state.sessions.get(state.active);
            if (next == null) {
                next = state.sessions.values().stream().max(java.util.Comparator.comparing(SessionHistory::updated)).orElse(null);
            }
            return next == null ? null : next.content();
        }
    }

    /** The recorded size of each asset {@code s} names (-1 when none is recorded). */
    Map<AssetId, Long> recordedSizes(SessionContent s) {
        synchronized (state) {
            Map<AssetId, Long> sizes = new java.util.HashMap<>();
            s.assets().forEach(id -> sizes.put(id, state.sizes.getOrDefault(id, -1L)));
            return sizes;
        }
    }

    /** A copy of the whole state, as an index image would hold it. */
    StoreState copy() {
        synchronized (state) {
            return state.copy();
        }
    }
}
