package dev.encore.feedback;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Drives a controller's LEDs from feedback: every status change (saved, unsaved, saving, opening,
 * error), every arming or disarming of delete and revert, and every mirror state. The daemon wires
 * it to the MIDI rig.
 */
public final class LedSink implements FeedbackSink {
    private final Consumer<String> onStatus;
    private final BiConsumer<String, Boolean> onArmed;
    private final Consumer<String> onMirror;

    /**
     * A sink that tells the LEDs.
     *
     * @param onStatus gets each status's wire name (saved, unsaved, saving, opening, error)
     * @param onArmed gets the action (delete, revert) and whether it is now armed
     * @param onMirror gets each mirror state (mirrored, behind, no backup, primary lost)
     */
    public LedSink(Consumer<String> onStatus, BiConsumer<String, Boolean> onArmed, Consumer<String> onMirror) {
        this.onStatus = onStatus;
        this.onArmed = onArmed;
        this.onMirror = onMirror;
    }

    @Override
    public void accept(FeedbackEvent event) {
        if (event instanceof FeedbackEvent.StatusChanged s) {
            onStatus.accept(s.status().wireName());
        } else if (event instanceof FeedbackEvent.Armed a) {
            onArmed.accept(a.action(), a.armed());
        } else if (event instanceof FeedbackEvent.MirrorChanged m) {
            onMirror.accept(m.state());
        }
    }
}
