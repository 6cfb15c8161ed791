package dev.encore.control.osc;

import java.util.List;
import java.util.Objects;

/** A decoded OSC packet in plain Java values, so no JavaOSC type travels past the codec. */
sealed interface OscPacket permits OscPacket.Message, OscPacket.Bundle {

    /** NTP time tag meaning "now" in an OSC bundle. */
    long IMMEDIATELY = 1L;

    /**
     * An OSC message. Arguments are Integer, Long, Float, Double, String, Boolean or byte[]; a type
     * a command cannot carry (nil, colour, MIDI, time tag, array) arrives as {@link Unsupported}.
     */
    record Message(String address, List<Object> args) implements OscPacket {
        public Message {
            Objects.requireNonNull(address, "address");
            args = List.copyOf(args);
        }
    }

    /** An OSC bundle: its raw 64-bit NTP time tag and the packets it holds. */
    record Bundle(long ntpTimeTag, List<OscPacket> elements) implements OscPacket {
        public Bundle {
            elements = List.copyOf(elements);
        }
    }

    /** Stands in for an argument type Encore does not accept, so the command can be refused by name. */
    record Unsupported(String oscType) {
    }
}
