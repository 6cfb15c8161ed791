package dev.encore.control;

import java.util.List;

/**
 * A controller's LEDs: per status state, per armed action, per disarmed action and per mirror state. When
 * {@code disarmed} names nothing for an action, its armed messages are sent again with velocity 0.
 */
public record LedMap(StatusLeds status, ArmedLeds armed, ArmedLeds disarmed, MirrorLeds mirror) {
    public LedMap {
        status = status == null ? new StatusLeds(null, null, null, null, null) : status;
        armed = armed == null ? new ArmedLeds(null, null) : armed;
        disarmed = disarmed == null ? new ArmedLeds(null, null) : disarmed;
        mirror = mirror == null ? new MirrorLeds(null, null, null, null) : mirror;
    }

    /** The messages that show an action armed or disarmed. */
    public List<LedMessage> forArmed(String action, boolean isArmed) {
        if (isArmed) {
            return armed.forAction(action);
        }
        List<LedMessage> explicit = disarmed.forAction(action);
        return explicit.isEmpty() ? armed.forAction(action).stream().map(LedMessage::off).toList() : explicit;
    }

    static LedMap none() {
        return new LedMap(null, null, null, null);
    }
}
