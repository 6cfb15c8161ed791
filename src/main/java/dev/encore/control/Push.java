package dev.encore.control;

import java.util.List;
import java.util.Objects;

/**
 * One OSC message on its way to every subscriber, as plain values (Integer, Float, String, Boolean,
 * byte[]), so the control side stays free of transport types.
 */
public record Push(String address, List<Object> args) {
    /**
     * Copies the arguments; null arguments are none.
     *
     * @param address the OSC address
     * @param args the arguments
     */
    public Push {
        Objects.requireNonNull(address, "address");
        args = args == null ? List.of() : List.copyOf(args);
    }
}
