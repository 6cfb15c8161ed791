package dev.encore.control.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.DoubleNode;
import dev.encore.feedback.FeedbackEvent;
import dev.encore.feedback.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LEDs hear about status, arming and the mirror's state, and nothing else. */
class LedSinkTest {
    @Test
    void statusArmingAndMirrorStatesReachTheLedsOtherEventsDoNot() {
        List<String> leds = new ArrayList<>();
        LedSink sink = new LedSink(new LedFeedback() {
            @Override
            public void onStatus(String state) {
                leds.add("status " + state);
            }

            @Override
            public void onArmed(String action, boolean armed) {
                leds.add(action + " " + armed);
            }

            @Override
            public void onMirror(String state) {
                leds.add("mirror " + state);
            }
        });
        sink.accept(new FeedbackEvent.StatusChanged(Status.SAVING, true, ""));
        sink.accept(new FeedbackEvent.SessionChanged("Song", 1, 1));
        sink.accept(new FeedbackEvent.Armed("revert", true));
        sink.accept(new FeedbackEvent.ParamRestored("/a", DoubleNode.valueOf(1)));
        sink.accept(new FeedbackEvent.Armed("revert", false));
        sink.accept(new FeedbackEvent.MirrorChanged("primary lost", 0));
        sink.accept(new FeedbackEvent.Progress("mirror", 0.5));
        assertEquals(List.of("status saving", "revert true", "revert false", "mirror primary lost"), leds);
    }
}
