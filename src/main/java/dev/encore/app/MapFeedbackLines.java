package dev.encore.app;

import dev.encore.control.ControlMap;
import dev.encore.control.FeedbackEvent;
import dev.encore.control.FeedbackLine;
import dev.encore.feedback.ExtraPushes;
import dev.encore.feedback.Push;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The extra feedback lines of osc-map.yaml, rendered for each push the feedback package sends. */
final class MapFeedbackLines implements ExtraPushes {
    private final ControlMap map;

    MapFeedbackLines(ControlMap map) {
        this.map = map;
    }

    @Override
    public List<Push> after(String event, Map<String, Object> values) {
        if (map.feedback().isEmpty()) {
            return List.of();
        }
        FeedbackEvent kind = FeedbackEvent.valueOf(event.toUpperCase(Locale.ROOT));
        List<Push> pushes = new ArrayList<>();
        for (FeedbackLine line : map.feedbackFor(kind, values)) {
            pushes.add(new Push(line.address(), line.render(values)));
        }
        return pushes;
    }
}
