package dev.encore.session;

/**
 * What to do with each kind of {@link Action}: one method per action, so that an action added
 * without a handler does not compile. {@link Action#accept} calls the method for its kind.
 *
 * @param <R> what each method answers
 */
public interface ActionHandler<R> {
    /**
     * Handles {@link Action.Save}.
     *
     * @param action the action
     * @return the answer
     */
    R save(Action.Save action);

    /**
     * Handles {@link Action.SaveCopy}.
     *
     * @param action the action
     * @return the answer
     */
    R saveCopy(Action.SaveCopy action);

    /**
     * Handles {@link Action.Open}.
     *
     * @param action the action
     * @return the answer
     */
    R open(Action.Open action);

    /**
     * Handles {@link Action.Resume}.
     *
     * @param action the action
     * @return the answer
     */
    R resume(Action.Resume action);

    /**
     * Handles {@link Action.Next}.
     *
     * @param action the action
     * @return the answer
     */
    R next(Action.Next action);

    /**
     * Handles {@link Action.Prev}.
     *
     * @param action the action
     * @return the answer
     */
    R prev(Action.Prev action);

    /**
     * Handles {@link Action.Rename}.
     *
     * @param action the action
     * @return the answer
     */
    R rename(Action.Rename action);

    /**
     * Handles {@link Action.Delete}.
     *
     * @param action the action
     * @return the answer
     */
    R delete(Action.Delete action);

    /**
     * Handles {@link Action.Revert}.
     *
     * @param action the action
     * @return the answer
     */
    R revert(Action.Revert action);

    /**
     * Handles {@link Action.Move}.
     *
     * @param action the action
     * @return the answer
     */
    R move(Action.Move action);

    /**
     * Handles {@link Action.ListSessions}.
     *
     * @param action the action
     * @return the answer
     */
    R listSessions(Action.ListSessions action);

    /**
     * Handles {@link Action.Sync}.
     *
     * @param action the action
     * @return the answer
     */
    R sync(Action.Sync action);

    /**
     * Handles {@link Action.Check}.
     *
     * @param action the action
     * @return the answer
     */
    R check(Action.Check action);

    /**
     * Handles {@link Action.ImportTrack}.
     *
     * @param action the action
     * @return the answer
     */
    R importTrack(Action.ImportTrack action);

    /**
     * Handles {@link Action.ExportBundle}.
     *
     * @param action the action
     * @return the answer
     */
    R exportBundle(Action.ExportBundle action);

    /**
     * Handles {@link Action.ImportBundle}.
     *
     * @param action the action
     * @return the answer
     */
    R importBundle(Action.ImportBundle action);

    /**
     * Handles {@link Action.CancelImport}.
     *
     * @param action the action
     * @return the answer
     */
    R cancelImport(Action.CancelImport action);

    /**
     * Handles {@link Action.TrimTrack}.
     *
     * @param action the action
     * @return the answer
     */
    R trimTrack(Action.TrimTrack action);

    /**
     * Handles {@link Action.RemoveTrack}.
     *
     * @param action the action
     * @return the answer
     */
    R removeTrack(Action.RemoveTrack action);

    /**
     * Handles {@link Action.SetSourceMode}.
     *
     * @param action the action
     * @return the answer
     */
    R setSourceMode(Action.SetSourceMode action);

    /**
     * Handles {@link Action.SelectFixture}.
     *
     * @param action the action
     * @return the answer
     */
    R selectFixture(Action.SelectFixture action);

    /**
     * Handles {@link Action.ListFixtures}.
     *
     * @param action the action
     * @return the answer
     */
    R listFixtures(Action.ListFixtures action);

    /**
     * Handles {@link Action.History}.
     *
     * @param action the action
     * @return the answer
     */
    R history(Action.History action);

    /**
     * Handles {@link Action.Undo}.
     *
     * @param action the action
     * @return the answer
     */
    R undo(Action.Undo action);

    /**
     * Handles {@link Action.Redo}.
     *
     * @param action the action
     * @return the answer
     */
    R redo(Action.Redo action);

    /**
     * Handles {@link Action.Undelete}.
     *
     * @param action the action
     * @return the answer
     */
    R undelete(Action.Undelete action);

    /**
     * Handles {@link Action.OpenRevision}.
     *
     * @param action the action
     * @return the answer
     */
    R openRevision(Action.OpenRevision action);
}
