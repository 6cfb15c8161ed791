package dev.encore.feedback;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events from the engine thread to every registered sink on one IO thread, so a slow or
 * failing sink never holds up a button press. Events reach each sink in the order they were
 * published; a sink that throws is logged and keeps receiving later events.
 */
public final class FeedbackBus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackBus.class);

    private final List<FeedbackSink> sinks = new CopyOnWriteArrayList<>();
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "encore-feedback");
        t.setDaemon(true);
        return t;
    });

    /**
     * Adds a sink; it receives every event published from now on.
     *
     * @param sink the sink
     */
    public void register(FeedbackSink sink) {
        sinks.add(sink);
    }

    /**
     * Queues the event for every sink; returns at once. After {@link #close()} events are dropped.
     *
     * @param event what happened
     */
    public void publish(FeedbackEvent event) {
        try {
            io.execute(() -> deliver(event));
        } catch (RejectedExecutionException e) {
            LOG.debug("Feedback after shutdown dropped: {}", event);
        }
    }

    /**
     * Completes once every event published before this call has reached every sink.
     *
     * @return the future; complete at once after {@link #close()}
     */
    public CompletableFuture<Void> drained() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            io.execute(() -> done.complete(null));
        } catch (RejectedExecutionException e) {
            done.complete(null);
        }
        return done;
    }

    private void deliver(FeedbackEvent event) {
        for (FeedbackSink sink : sinks) {
            try {
                sink.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("A feedback sink failed on {}: {}", event, e.toString(), e);
            }
        }
    }

    /** Delivers what is queued (waiting at most two seconds), then stops the feedback thread. */
    @Override
    public void close() {
        io.shutdown();
        try {
            if (!io.awaitTermination(2, TimeUnit.SECONDS)) {
                io.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            io.shutdownNow();
        }
    }
}
