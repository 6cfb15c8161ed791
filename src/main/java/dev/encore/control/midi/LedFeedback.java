package dev.encore.control.midi;

/**
 * What a controller's LEDs need to know: the status changed, a destructive action was armed or
 * disarmed, or the mirror's state changed. {@link LedSink} calls it on the feedback thread; implementations never block.
 */
public interface LedFeedback {
    /** The status is now {@code saved}, {@code unsaved}, {@code saving}, {@code opening} or {@code error}. */
    void onStatus(String state);

    /** {@code delete} or {@code revert} was armed (waiting for its confirmation) or disarmed. */
    void onArmed(String action, boolean armed);

    /** The mirror is now {@code mirrored}, {@code behind}, {@code no backup} or {@code primary lost}. */
    void onMirror(String state);
}
