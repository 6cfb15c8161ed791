package dev.encore.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encore.feedback.Status;
import java.util.List;

/**
 * The OSC form of Encore's state messages, written once for both ways they leave: as pushes to
 * every subscriber after a change, and as the read-back {@code /encore/sync} sends one controller.
 * So a push and a sync can never disagree on an address or an argument.
 */
public final class OscFeedback {
    /** Parameter pushes and commands live below this address: {@code /encore/param/mix/gain}. */
    public static final String PARAM_ADDRESS = "/encore/param";
    public static final String STATUS_ADDRESS = "/encore/status";
    public static final String DIRTY_ADDRESS = "/encore/dirty";
    public static final String SESSION_ADDRESS = "/encore/session";

    private OscFeedback() {
    }

    /**
     * The address a parameter path is pushed and set at: {@code /mix/gain} is {@code /encore/param/mix/gain}.
     *
     * @param path the parameter's path, with or without its leading slash
     * @return the OSC address
     */
    public static String paramAddress(String path) {
        return PARAM_ADDRESS + (path.startsWith("/") ? path : "/" + path);
    }

    /** {@code /encore/status s:state}. */
    public static Push status(Status status) {
        return new Push(STATUS_ADDRESS, List.of(status.wireName()));
    }

    /** {@code /encore/dirty i:0|1}. */
    public static Push dirty(boolean dirty) {
        return new Push(DIRTY_ADDRESS, List.of(dirty ? 1 : 0));
    }

    /** {@code /encore/session s:name i:position i:count}; an empty name and position 0 when none is open. */
    public static Push session(String name, int position, int count) {
        return new Push(SESSION_ADDRESS, List.of(name == null ? "" : name, position, count));
    }

    /** {@code /encore/param/<path>} with the value's OSC arguments. */
    public static Push param(String path, JsonNode value) {
        return new Push(paramAddress(path), ParamValues.toOsc(value));
    }
}
