package dev.encore.session;

import dev.encore.Reason;
import dev.encore.store.SessionStore;
import java.util.Optional;

/**
 * On a backup laptop, the actions that would change what is stored (saves, copies, renames, deletes,
 * moves, undo and redo, undelete, imports) are refused before they run, naming the primary, so a
 * controller that sends every trigger to both laptops gets a clear answer from the backup and its
 * status stays as it was. Reads, list, sync and opening a session to preview it still work.
 */
final class BackupGuard {
    private BackupGuard() {
    }

    /** The refusal for this action, or null when it may run. */
    static Result refusal(SessionStore store, Action action) {
        if (!changesStore(action)) {
            return null;
        }
        Optional<String> primary = store.following();
        return primary.<Result>map(p -> new Result.Error(Reason.BACKUP_READ_ONLY, "This laptop is the backup of " + p
                + "; '" + action.verb() + "' is not done here while the primary runs.")).orElse(null);
    }

    private static boolean changesStore(Action a) {
        return a instanceof Action.Save || a instanceof Action.SaveCopy || a instanceof Action.Rename
                || a instanceof Action.Delete || a instanceof Action.Move || a instanceof Action.Undo
                || a instanceof Action.Redo || a instanceof Action.Undelete || a instanceof Action.ImportTrack;
    }
}
