package dev.encore.control;

/**
 * One LED message of a controller: a note with a velocity or a control change with a value, on a
 * MIDI channel 1..16 (default 1). On most pad controllers the velocity picks the colour.
 */
public record LedMessage(Integer note, Integer cc, Integer channel, Integer velocity, Integer value) {
    public LedMessage {
        channel = channel == null ? 1 : channel;
        if (note != null && velocity == null) {
            velocity = 127;
        }
        if (cc != null && value == null) {
            value = 127;
        }
    }

    /** The same LED switched off: velocity or value 0. */
    public LedMessage off() {
        return new LedMessage(note, cc, channel, note == null ? null : 0, cc == null ? null : 0);
    }
}
