package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;

/**
 * Everything a controller or host can ask of the engine. Each action is queued to the engine
 * thread and answered with exactly one {@link Result}. Positions are 1-based, like the setlist a
 * performer sees.
 */
public sealed interface Action {

    /**
     * The word used in logs and in {@code /encore/armed}.
     *
     * @return the action's name, such as {@code save}
     */
    String verb();

    /**
     * True for actions that only look at the state (list, sync, check). They leave an armed delete
     * or revert armed, so a tablet that refreshes its list does not make delete impossible.
     *
     * @return true when the action changes nothing
     */
    default boolean readOnly() {
        return false;
    }

    /** Commits the live state to the active session, or creates one (named, or automatically named) when there is none. */
    record Save(String name) implements Action {
        public String verb() {
            return "save";
        }
    }

    /** Commits the live state as a new session, which becomes active; audio is shared, not copied. */
    record SaveCopy(String name) implements Action {
        public String verb() {
            return "save_copy";
        }
    }

    /** Switches to a session, following the switch policy for unsaved changes. */
    record Open(SessionRef target) implements Action {
        /**
         * Checks the arguments.
         *
         * @param target the session, by name or 1-based position
         * @throws EncoreException BAD_ARGUMENTS when the target is missing
         */
        public Open {
            if (target == null) {
                throw new EncoreException(Reason.BAD_ARGUMENTS, "Open needs a session name or position.");
            }
        }

        public String verb() {
            return "open";
        }
    }

    /** Opens the next setlist entry (wraps to the first when wrap is on). */
    record Next() implements Action {
        public String verb() {
            return "next";
        }
    }

    /** Opens the previous setlist entry (wraps to the last when wrap is on). */
    record Prev() implements Action {
        public String verb() {
            return "prev";
        }
    }

    /** Renames {@code target}, or the active session when target is null. */
    record Rename(String newName, SessionRef target) implements Action {
        /**
         * Checks the arguments.
         *
         * @param newName the new name
         * @param target the session to rename, or null for the active one
         * @throws EncoreException BAD_ARGUMENTS when the new name is missing
         */
        public Rename {
            if (newName == null) {
                throw new EncoreException(Reason.BAD_ARGUMENTS, "Rename needs the new name.");
            }
        }

        public String verb() {
            return "rename";
        }
    }

    /**
     * Deletes {@code target}, or the active session when target is null. Without {@code confirm} the
     * first press arms and a second press within the arming window deletes.
     */
    record Delete(SessionRef target, boolean confirm) implements Action {
        public String verb() {
            return "delete";
        }
    }

    /** Drops unsaved changes and returns to the stored session; armed like delete. */
    record Revert(boolean confirm) implements Action {
        public String verb() {
            return "revert";
        }
    }

    /** Moves the session at setlist position {@code from} to position {@code to} (both 1-based). */
    record Move(int from, int to) implements Action {
        public String verb() {
            return "move";
        }
    }

    /** Lists the setlist; the result's data is a {@code List<SessionSummary>}. */
    record ListSessions() implements Action {
        @Override
        public boolean readOnly() {
            return true;
        }

        public String verb() {
            return "list";
        }
    }

    /** Reports the whole state; the result's data is a {@link SyncReport}. */
    record Sync() implements Action {
        @Override
        public boolean readOnly() {
            return true;
        }

        public String verb() {
            return "sync";
        }
    }

    /** Verifies every stored asset, with progress; the result's data is the store's CheckReport. */
    record Check() implements Action {
        @Override
        public boolean readOnly() {
            return true;
        }

        public String verb() {
            return "check";
        }
    }

    /**
     * Imports an audio file from a media folder as a new live track, optionally trimmed; answered
     * once the track is on stage, the result's message naming the track and its 1-based position
     * and its data being the {@link Track}. Trims may be null (whole file).
     */
    record ImportTrack(java.nio.file.Path file, Double trimStartSeconds, Double trimEndSeconds) implements Action {
        /**
         * Checks the arguments.
         *
         * @param file the audio file, relative to a media folder or absolute inside one
         * @param trimStartSeconds where playing starts, or null for the beginning
         * @param trimEndSeconds where playing ends, or null for the end
         * @throws EncoreException BAD_ARGUMENTS when the file is missing
         */
        public ImportTrack {
            if (file == null) {
                throw new EncoreException(Reason.BAD_ARGUMENTS, "Import needs the path of an audio file.");
            }
        }

        public String verb() {
            return "import";
        }
    }

    /**
     * Cancels the imports still running of the file named {@code fileName} (its name without the
     * folder), or of every file when null; each cancelled import is answered BUSY and adds nothing.
     */
    record CancelImport(String fileName) implements Action {
        public String verb() {
            return "cancel_import";
        }
    }

    /** Sets the trim of the track at 1-based {@code position}, in seconds from the start of the file. */
    record TrimTrack(int position, double startSeconds, double endSeconds) implements Action {
        public String verb() {
            return "trim";
        }
    }

    /** Removes the track at 1-based {@code position} from the live scene; its audio stays stored. */
    record RemoveTrack(int position) implements Action {
        public String verb() {
            return "remove_track";
        }
    }

    /** Chooses what the stem overlay plays: the full mix, the vocals or the instruments. */
    record SetSourceMode(SourceMode mode) implements Action {
        /**
         * Checks the arguments.
         *
         * @param mode full, vocals or instruments
         * @throws EncoreException BAD_ARGUMENTS when the mode is missing
         */
        public SetSourceMode {
            if (mode == null) {
                throw new EncoreException(Reason.BAD_ARGUMENTS, "Source mode needs full, vocals or instruments.");
            }
        }

        public String verb() {
            return "source_mode";
        }
    }

    /** Selects the fixture the controller's parameter buttons act on. */
    record SelectFixture(String fixtureId) implements Action {
        /**
         * Checks the arguments.
         *
         * @param fixtureId the fixture's id
         * @throws EncoreException BAD_ARGUMENTS when the id is missing or blank
         */
        public SelectFixture {
            if (fixtureId == null || fixtureId.isBlank()) {
                throw new EncoreException(Reason.BAD_ARGUMENTS, "Select needs a fixture id.");
            }
        }

        public String verb() {
            return "select";
        }
    }

    /** Lists the retained revisions of {@code target} (the active session when null), newest first; data is a {@code List<Revision>}. */
    record History(SessionRef target) implements Action {
        public String verb() {
            return "history";
        }

        @Override
        public boolean readOnly() {
            return true;
        }
    }

    /** Steps the active session's stored state back to the revision before its last save; the live state follows. */
    record Undo() implements Action {
        public String verb() {
            return "undo";
        }
    }

    /** Steps the active session's stored state forward to the revision the last undo left. */
    record Redo() implements Action {
        public String verb() {
            return "redo";
        }
    }

    /** Brings back the most recently deleted session, at its old setlist position. */
    record Undelete() implements Action {
        public String verb() {
            return "undelete";
        }
    }

    /** Opens {@code revision} of a session as the live state, unsaved (saving it makes it the newest revision). */
    record OpenRevision(SessionRef target, int revision) implements Action {
        /**
         * Checks the arguments.
         *
         * @param target the session
         * @param revision the revision's number, as /encore/history lists it
         * @throws EncoreException BAD_ARGUMENTS when the session is missing
         */
        public OpenRevision {
            if (target == null) {
                throw new EncoreException(Reason.BAD_ARGUMENTS, "Open of a revision needs the session's name.");
            }
        }

        public String verb() {
            return "open";
        }
    }
}
