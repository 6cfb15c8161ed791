package dev.encore.app.nsm;

import dev.encore.Reason;
import dev.encore.session.Action;
import dev.encore.session.Result;
import dev.encore.session.SessionEngine;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What {@code /nsm/client/save} does: let the engine settle (a fader still moving is part of the
 * save), commit the live state, under the project's name when no session is open yet (or unnamed
 * when a session already has that name), and answer the manager with NSM's codes.
 */
final class NsmSave {
    /** How long a save waits for the engine before it is answered ERR_NOT_NOW. */
    static final long SAVE_TIMEOUT_S = 60;

    private NsmSave() {
    }

    /**
     * Saves and answers.
     *
     * @param name the name for a new session, or null to save the active one
     */
    static void run(SessionEngine engine, String name, NsmLink link) {
        Result result;
        try {
            engine.settle().get(SAVE_TIMEOUT_S, TimeUnit.SECONDS);
            result = engine.submit(new Action.Save(name)).get(SAVE_TIMEOUT_S, TimeUnit.SECONDS);
            if (result instanceof Result.Error e && e.reason() == Reason.NAME_TAKEN) {
                result = engine.submit(new Action.Save(null)).get(SAVE_TIMEOUT_S, TimeUnit.SECONDS);
            }
        } catch (TimeoutException e) {
            link.error(NsmClient.SAVE, NsmClient.ERR_NOT_NOW, "Encore's engine did not finish the save within "
                    + SAVE_TIMEOUT_S + " s; it is still running it. Save again in a moment.");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            link.error(NsmClient.SAVE, NsmClient.ERR_NOT_NOW, "Encore is stopping; nothing was saved.");
            return;
        } catch (ExecutionException e) {
            link.error(NsmClient.SAVE, NsmClient.ERR_GENERAL, "The save failed: " + e.getCause());
            return;
        }
        if (result instanceof Result.Error e) {
            link.error(NsmClient.SAVE, e.reason() == Reason.BUSY ? NsmClient.ERR_NOT_NOW : NsmClient.ERR_GENERAL,
                    e.message() + " " + e.reason().fix());
            link.message(3, "Encore did not save: " + e.message());
            return;
        }
        link.reply(NsmClient.SAVE, ((Result.Ok) result).message());
    }
}
