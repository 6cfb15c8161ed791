package dev.encore.control;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.util.concurrent.CompletableFuture;

/**
 * What /encore/takeover asks of the mirror: a backup whose primary is gone becomes the primary. The
 * future completes with what happened, or fails with an {@link EncoreException} saying why not.
 */
@FunctionalInterface
public interface TakeoverControl {
    /** A laptop without a mirror: there is nothing to take over from. */
    TakeoverControl STANDALONE = () -> CompletableFuture.failedFuture(new EncoreException(Reason.BAD_ARGUMENTS,
            "This laptop runs standalone; /encore/takeover works on a backup laptop (--role backup)."));

    CompletableFuture<String> takeover();
}
