package dev.encore.control.midi;

import dev.encore.feedback.FeedbackEvent;
import dev.encore.feedback.FeedbackSink;

/**
 * Drives a controller's LEDs from feedback: every status change (saved, unsaved, saving, opening,
 * error), every arming or disarming of delete and revert, and every mirror state.
 */
public final class LedSink implements FeedbackSink {
    private final LedFeedback leds;

    /**
     * A sink that tells the LEDs.
     *
     * @param leds the LEDs (the MIDI rig)
     */
    public LedSink(LedFeedback leds) {
        this.leds = leds;
    }

    @Override
    public void accept(FeedbackEvent event) {
        if (event instanceof FeedbackEvent.StatusChanged s) {
            leds.onStatus(s.status().wireName());
        } else if (event instanceof FeedbackEvent.Armed a) {
            leds.onArmed(a.action(), a.armed());
        } else if (event instanceof FeedbackEvent.MirrorChanged m) {
            leds.onMirror(m.state());
        }
    }
}
