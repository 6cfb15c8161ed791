package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every save is a revision: this lists a session's retained revisions, reads an older one back
 * from the {@link Journal} (the state holds only the current content), and steps the stored state
 * back (undo) and forward (redo), each step one durable record.
 */
public final class Revisions {
    private final StoreState state;
    private final Journal journal;
    private final Commits commits;

    Revisions(StoreState state, Journal journal, Commits commits) {
        this.state = state;
        this.journal = journal;
        this.commits = commits;
    }

    /** The retained revisions of a live or deleted session, newest first. */
    public List<Revision> history(SessionId id) {
        synchronized (state) {
            SessionHistory h = state.sessions.containsKey(id) ? state.sessions.get(id) : state.deleted.get(id);
            if (h == null) {
                throw new EncoreException(Reason.NO_SUCH_SESSION, "There is no session with id " + id + ".");
            }
            List<Revision> out = new ArrayList<>(h.revisions());
            Collections.reverse(out);
            return out;
        }
    }

    /** The revision number the session's stored state is now (undo moves it back). */
    public int head(SessionId id) {
        synchronized (state) {
            return state.require(id).head();
        }
    }

    /** An older revision's content, as it was saved (under the session's current name). */
    public StoredSession revision(SessionId id, int number) {
        synchronized (state) {
            SessionHistory h = state.require(id);
            Revision r = h.revision(number);
            if (r == null) {
                throw new EncoreException(Reason.NO_SUCH_REVISION, "Session '" + h.name() + "' has no retained revision "
                        + number + " (it has " + h.revisions().size() + ").");
            }
            return contentOf(h, r);
        }
    }

    /** Steps the stored state back to the revision before the current one; durable. */
    public StoredSession undo(SessionId id) {
        synchronized (state) {
            SessionHistory h = state.require(id);
            Revision prev = h.beforeHead();
            if (prev == null) {
                throw new EncoreException(Reason.NO_SUCH_REVISION, "Nothing to undo: '" + h.name() + "' is at its oldest retained revision.");
            }
            return step(RecordType.UNDO, h, prev, "undoing the last save of '" + h.name() + "'");
        }
    }

    /** Steps forward again to the revision the last undo left; durable. */
    public StoredSession redo(SessionId id) {
        synchronized (state) {
            SessionHistory h = state.require(id);
            if (h.redo().isEmpty()) {
                throw new EncoreException(Reason.NO_SUCH_REVISION, "Nothing to redo for '" + h.name() + "': no undo since its last save.");
            }
            Revision next = h.revision(h.redo().get(h.redo().size() - 1));
            return step(RecordType.REDO, h, next, "redoing the save of '" + h.name() + "'");
        }
    }

    private StoredSession step(RecordType type, SessionHistory h, Revision to, String action) {
        StoredSession content = contentOf(h, to);
        StoredSession s = new StoredSession(h.id(), h.name(), h.current().created(), commits.now(), SchemaMigration.CURRENT,
                content.assets(), content.snapshot());
        ObjectNode r = RecordCodec.sessionRecord(s, state.sizes);
        r.put("toRev", to.number());
        commits.commit(type, r, action);
        return s;
    }

    private StoredSession contentOf(SessionHistory h, Revision r) {
        if (r.number() == h.head()) {
            return h.current();
        }
        byte[] payload = journal.read(r.seq());
        if (payload == null) {
            throw new EncoreException(Reason.NO_SUCH_REVISION, "Revision " + r.number() + " of '" + h.name()
                    + "' cannot be read back from the journal (damaged); pick another one from /encore/history.");
        }
        StoredSession old = RecordCodec.session(RecordCodec.decode(payload, "revision " + r.number()));
        return new StoredSession(old.id(), h.name(), old.created(), old.updated(), SchemaMigration.CURRENT, old.assets(), old.snapshot());
    }
}
