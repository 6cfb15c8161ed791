package dev.encore.control;

import java.util.List;
import java.util.Objects;

/**
 * One command from a controller, whatever carried it: an OSC message, or a MIDI press mapped to an
 * OSC-style address by osc-map.yaml. Arguments are plain Java values (Integer, Long, Float, Double,
 * String, Boolean, byte[]), never transport types. {@code requestId} is the {@code req:<id>} a
 * client appended, or null.
 */
public record ControlCommand(String address, List<Object> args, String origin, String requestId) {
    public ControlCommand {
        Objects.requireNonNull(address, "address");
        args = args == null ? List.of() : List.copyOf(args);
        origin = origin == null ? "unknown" : origin;
    }

    public ControlCommand(String address, List<Object> args, String origin) {
        this(address, args, origin, null);
    }
}
