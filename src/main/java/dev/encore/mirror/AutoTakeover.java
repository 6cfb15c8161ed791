package dev.encore.mirror;

import dev.encore.EncoreException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** With {@code takeover: auto}: the takeover a backup runs by itself once its primary has been gone for the delay. */
final class AutoTakeover {
    private static final Logger LOG = LoggerFactory.getLogger(AutoTakeover.class);

    private ScheduledFuture<?> pending;

    /**
     * Starts {@code takeover} after {@code delayMs} on {@code worker}, unless cancelled first; the
     * worker does not wait for the takeover's session to come on stage.
     */
    synchronized void arm(ScheduledExecutorService worker, long delayMs, Supplier<CompletableFuture<String>> takeover) {
        cancel();
        pending = worker.schedule(() -> takeover.get().whenComplete((answer, failed) -> {
            Throwable cause = failed instanceof CompletionException && failed.getCause() != null ? failed.getCause() : failed;
            if (cause instanceof EncoreException e) {
                LOG.info("No automatic takeover: {}", e.getMessage());
            } else if (cause != null) {
                LOG.warn("The automatic takeover failed: {}", cause.toString());
            }
        }), delayMs, TimeUnit.MILLISECONDS);
    }

    /** The primary is back, this laptop leads, or the mirror closes: no automatic takeover. */
    synchronized void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
