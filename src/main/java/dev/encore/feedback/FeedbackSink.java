package dev.encore.feedback;

/**
 * Receives feedback events, one at a time and in order, on the feedback thread (never the engine
 * thread). A sink must not block for long: a slow sink delays every other sink.
 */
@FunctionalInterface
public interface FeedbackSink {
    /**
     * Takes one event, on the feedback thread.
     *
     * @param event what happened
     */
    void accept(FeedbackEvent event);
}
