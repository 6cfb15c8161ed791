package dev.encore.session;

import dev.encore.feedback.FeedbackEvent;
import dev.encore.feedback.FeedbackSink;
import dev.encore.feedback.Status;
import java.util.ArrayList;
import java.util.List;

/** An in-memory feedback sink: what a controller would have been sent, in order. */
final class RecordingSink implements FeedbackSink {
    private final List<FeedbackEvent> events = new ArrayList<>();

    @Override
    public synchronized void accept(FeedbackEvent event) {
        events.add(event);
    }

    synchronized List<FeedbackEvent> events() {
        return List.copyOf(events);
    }

    synchronized void clear() {
        events.clear();
    }

    synchronized List<Status> statuses() {
        List<Status> out = new ArrayList<>();
        for (FeedbackEvent e : events) {
            if (e instanceof FeedbackEvent.StatusChanged s) {
                out.add(s.status());
            }
        }
        return out;
    }

    synchronized <T extends FeedbackEvent> List<T> of(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (FeedbackEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    synchronized <T extends FeedbackEvent> T last(Class<T> type) {
        List<T> all = of(type);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }
}
