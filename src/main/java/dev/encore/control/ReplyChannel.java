package dev.encore.control;

import java.util.List;

/**
 * Sends messages to the sender of one command only, ahead of its reply: the rows of
 * {@code /encore/list}, the state dump of {@code /encore/sync}, a parameter's value, the pong. The
 * daemon wires it to the OSC server; a MIDI sender has nowhere to receive them.
 */
@FunctionalInterface
public interface ReplyChannel {
    /** A channel for senders that cannot receive (MIDI): nothing is sent. */
    ReplyChannel NONE = (origin, address, args) -> false;

    /** Sends one message to {@code origin} (a {@link ControlCommand#origin()}); false when it cannot be reached. */
    boolean send(String origin, String address, List<Object> args);
}
