package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.feedback.FeedbackBus;
import dev.encore.store.StoredSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches (open, next, prev) queued behind each other: each is resolved in order from the one
 * before it (next, next = two steps on), and only the last target is opened, the latest winning.
 * Each press is answered with the result of that open; one that names no session gets its own
 * error. Engine thread only.
 */
final class SwitchBurst {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchBurst.class);

    private final Switcher switcher;
    private final StatusLight light;
    private final FeedbackBus bus;
    private final List<CompletableFuture<Result>> winners = new ArrayList<>();
    private StoredSession target;

    SwitchBurst(Switcher switcher, StatusLight light, FeedbackBus bus) {
        this.switcher = switcher;
        this.light = light;
        this.bus = bus;
    }

    /**
     * Adds a switch to the burst; {@code step} finds its target from the one resolved before it in
     * the burst (null for the first). The answer completes once the burst is opened.
     */
    CompletableFuture<Result> add(Action action, UnaryOperator<StoredSession> step) {
        CompletableFuture<Result> reply = new CompletableFuture<>();
        try {
            target = step.apply(target);
            winners.add(reply);
        } catch (EncoreException e) {
            LOG.info("{} refused: {}", action.verb(), e.getMessage());
            reply.complete(new Result.Error(e.reason(), e.getMessage()));
        }
        return reply;
    }

    boolean waiting() {
        return target != null;
    }

    /** Opens the burst's last target, if any, and answers its presses once the open's pushes are sent. */
    void open() {
        if (target == null) {
            return;
        }
        StoredSession chosen = target;
        List<CompletableFuture<Result>> answered = List.copyOf(winners);
        target = null;
        winners.clear();
        Result result = light.run("open", () -> switcher.open(chosen));
        // Answered once the feedback thread has sent what the open pushed (its progress 1.0 included).
        bus.drained().thenRun(() -> answered.forEach(r -> r.complete(result)));
    }
}
