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
     * Runs the handler's method for this kind of action: the one dispatch point, exhaustive because
     * the handler has a method for every action.
     *
     * @param handler what handles each kind of action
     * @param <R> what the handler answers
     * @return the handler's answer
     */
    <R> R accept(ActionHandler<R> handler);

    /**
     * Open, next and prev: switches queued behind each other form one burst, of which only the last
     * target is opened.
     */
    sealed interface Switch extends Action {
    }

    /** Commits the live state to the active session, or creates one (named, or automatically named) when there is none. */
    record Save(String name) implements Action {
        public String verb() { return "save"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.save(this); }
    }

    /** Commits the live state as a new session, which becomes active; audio is shared, not copied. */
    record SaveCopy(String name) implements Action {
        public String verb() { return "save_copy"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.saveCopy(this); }
    }

    /** Switches to a session, following the switch policy for unsaved changes. */
    record Open(SessionRef target) implements Switch {
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

        public String verb() { return "open"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.open(this); }
    }

    /**
     * Puts {@code target} on stage as it was last stored, with its stored draft, in place of the live
     * state, which is neither saved nor kept as a draft: a backup laptop carrying on from its
     * primary's last mirrored state when it takes over. Runs even when {@code target} is open already.
     */
    record Resume(SessionRef target) implements Action {
        /**
         * Checks the arguments.
         *
         * @param target the session, by id, name or 1-based position
         * @throws EncoreException BAD_ARGUMENTS when the target is missing
         */
        public Resume {
            if (target == null) {
                throw new EncoreException(Reason.BAD_ARGUMENTS, "Resume needs a session.");
            }
        }

        public String verb() { return "resume"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.resume(this); }
    }

    /** Opens the next setlist entry (wraps to the first when wrap is on). */
    record Next() implements Switch {
        public String verb() { return "next"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.next(this); }
    }

    /** Opens the previous setlist entry (wraps to the last when wrap is on). */
    record Prev() implements Switch {
        public String verb() { return "prev"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.prev(this); }
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

        public String verb() { return "rename"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.rename(this); }
    }

    /**
     * Deletes {@code target}, or the active session when target is null. Without {@code confirm} the
     * first press arms and a second press within the arming window deletes.
     */
    record Delete(SessionRef target, boolean confirm) implements Action {
        public String verb() { return "delete"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.delete(this); }
    }

    /** Drops unsaved changes and returns to the stored session; armed like delete. */
    record Revert(boolean confirm) implements Action {
        public String verb() { return "revert"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.revert(this); }
    }

    /** Moves the session at setlist position {@code from} to position {@code to} (both 1-based). */
    record Move(int from, int to) implements Action {
        public String verb() { return "move"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.move(this); }
    }

    /** Lists the setlist; answered {@link Result.Listed}. */
    record ListSessions() implements Action {
        public String verb() { return "list"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.listSessions(this); }
    }

    /** Reports the whole state: session, setlist, tracks, fixture, stem overlay, parameters; answered {@link Result.Synced}. */
    record Sync() implements Action {
        public String verb() { return "sync"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.sync(this); }
    }

    /** Verifies every stored asset, with progress; answered {@link Result.Checked}, or ASSET_CORRUPT naming each problem. */
    record Check() implements Action {
        public String verb() { return "check"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.check(this); }
    }

    /**
     * Imports an audio file from a media folder as a new live track, optionally trimmed; answered
     * once the track is on stage with {@link Result.TrackImported}. Trims may be null (whole file).
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

        public String verb() { return "import"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.importTrack(this); }
    }

    /**
     * Writes the named sessions (all when {@code names} is empty), as last saved, and their audio into
     * one show bundle at {@code file}, inside a media folder; answered {@link Result.BundleExported}.
     * Runs off the engine thread, with progress.
     */
    record ExportBundle(java.nio.file.Path file, java.util.List<String> names) implements Action {
        /**
         * Keeps its own copy of {@code names}.
         *
         * @param file the bundle to write, inside a media folder
         * @param names the sessions to export; all of them when empty
         */
        public ExportBundle {
            names = java.util.List.copyOf(names);
        }


        public String verb() { return "export"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.exportBundle(this); }
    }

    /**
     * Checks the show bundle at {@code file} (inside a media folder) completely, stores its audio and
     * adds its sessions at the end of the setlist; answered {@link Result.BundleImported}.
     */
    record ImportBundle(java.nio.file.Path file) implements Action {
        public String verb() { return "import_bundle"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.importBundle(this); }
    }

    /**
     * Cancels the imports still running of the file named {@code fileName} (its name without the
     * folder), or of every file when null; each cancelled import is answered BUSY and adds nothing.
     */
    record CancelImport(String fileName) implements Action {
        public String verb() { return "cancel_import"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.cancelImport(this); }
    }

    /** Sets the trim of the track at 1-based {@code position}, in seconds from the start of the file. */
    record TrimTrack(int position, double startSeconds, double endSeconds) implements Action {
        public String verb() { return "trim"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.trimTrack(this); }
    }

    /** Removes the track at 1-based {@code position} from the live scene; its audio stays stored. */
    record RemoveTrack(int position) implements Action {
        public String verb() { return "remove_track"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.removeTrack(this); }
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

        public String verb() { return "source_mode"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.setSourceMode(this); }
    }

    /** Selects one of the declared fixtures ({@link EngineSettings#fixtures()}) as the one the parameter buttons act on. */
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

        public String verb() { return "select"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.selectFixture(this); }
    }

    /** Lists the fixtures the host or osc-map.yaml declares, and which one is selected; answered {@link Result.Fixtures}. */
    record ListFixtures() implements Action {
        public String verb() { return "fixtures"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.listFixtures(this); }
    }

    /** Lists the retained revisions of {@code target} (the active session when null), newest first; answered {@link Result.Revisions}. */
    record History(SessionRef target) implements Action {
        public String verb() { return "history"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.history(this); }
    }

    /** Steps the active session's stored state back to the revision before its last save; the live state follows. */
    record Undo() implements Action {
        public String verb() { return "undo"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.undo(this); }
    }

    /** Steps the active session's stored state forward to the revision the last undo left. */
    record Redo() implements Action {
        public String verb() { return "redo"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.redo(this); }
    }

    /** Brings back the most recently deleted session, at its old setlist position. */
    record Undelete() implements Action {
        public String verb() { return "undelete"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.undelete(this); }
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

        public String verb() { return "open"; }
        public <R> R accept(ActionHandler<R> handler) { return handler.openRevision(this); }
    }
}
