package dev.encore.session;

import dev.encore.Reason;
import dev.encore.bundle.Exporter;
import dev.encore.bundle.Importer;
import dev.encore.store.CheckReport;
import java.util.List;

/**
 * The single answer to an {@link Action}: done ({@link Ok}), with a message and, for a query, what
 * it found in a type of its own; or failed with a {@link Reason} whose code is the protocol's error
 * code. Never an exception across threads.
 */
public sealed interface Result {
    /**
     * What happened, for a person.
     *
     * @return the message
     */
    String message();

    /**
     * Whether the action was done.
     *
     * @return true for every {@link Ok}, false for {@link Error}
     */
    boolean ok();

    /** The action was done; the queries answer with the subtype that carries what they found. */
    sealed interface Ok extends Result permits Done, Listed, Synced, Revisions, Checked, TrackImported,
            BundleExported, BundleImported, Fixtures {
        @Override
        default boolean ok() {
            return true;
        }
    }

    /**
     * Done, with nothing to return but the message.
     *
     * @param message what was done, for a person
     */
    record Done(String message) implements Ok {
    }

    /**
     * The answer to {@link Action.ListSessions}.
     *
     * @param message how many sessions there are
     * @param sessions the setlist in order; no snapshot or audio was read
     */
    record Listed(String message, List<SetlistEntry> sessions) implements Ok {
    }

    /**
     * The answer to {@link Action.Sync}.
     *
     * @param message whose state it is
     * @param state everything a controller needs to redraw itself
     */
    record Synced(String message, SyncReport state) implements Ok {
    }

    /**
     * The answer to {@link Action.History}.
     *
     * @param message which session, and the revision its stored state is at
     * @param revisions the retained revisions, newest first
     */
    record Revisions(String message, List<RevisionEntry> revisions) implements Ok {
    }

    /**
     * The answer to {@link Action.Check} when every stored asset is intact.
     *
     * @param message how many assets were read
     * @param report what the check read
     */
    record Checked(String message, CheckReport report) implements Ok {
    }

    /**
     * The answer to {@link Action.ImportTrack}, once the track is on stage.
     *
     * @param message the track's file and position
     * @param track the new live track
     * @param position its 1-based position in the live scene
     */
    record TrackImported(String message, Track track, int position) implements Ok {
    }

    /**
     * The answer to {@link Action.ExportBundle}, once the file is complete.
     *
     * @param message what was written where
     * @param bundle the sessions, revisions and audio written
     */
    record BundleExported(String message, Exporter.Exported bundle) implements Ok {
    }

    /**
     * The answer to {@link Action.ImportBundle}, once its sessions are in the setlist.
     *
     * @param message each session as added
     * @param bundle what was added and stored
     */
    record BundleImported(String message, Importer.Imported bundle) implements Ok {
    }

    /**
     * The answer to {@link Action.ListFixtures}.
     *
     * @param message how many fixtures are declared
     * @param fixtures the declared fixture ids, in declaration order
     * @param selected the live scene's fixture, or null for none
     */
    record Fixtures(String message, List<String> fixtures, String selected) implements Ok {
    }

    /**
     * The action failed or was refused, and changed nothing stored.
     *
     * @param reason why, with the protocol's error code and the fix
     * @param message what happened, for a person
     */
    record Error(Reason reason, String message) implements Result {
        @Override
        public boolean ok() {
            return false;
        }
    }
}
