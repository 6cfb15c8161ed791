package dev.encore.control.osc;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Single OSC messages to and from bytes on the codec the OSC server uses (JavaOSC with UTF-8
 * strings), for peers that are not controllers, such as a session manager. A datagram that is not
 * one OSC message decodes to empty, never an exception. Not thread-safe: its owner serializes access.
 */
public final class OscMessageCodec {
    private final OscCodec codec = new OscCodec();

    /** One received message: its address and its arguments (String, Integer, Float ...). */
    public record Message(String address, List<Object> args) {
        public Message {
            args = List.copyOf(args);
        }

        /** The argument at {@code index} when it is text, else null. */
        public String string(int index) {
            return index < args.size() && args.get(index) instanceof String s ? s : null;
        }
    }

    /**
     * The bytes of one message.
     *
     * @throws IllegalArgumentException for a bad address or an argument OSC cannot carry
     */
    public byte[] encode(String address, List<Object> args) {
        return codec.encode(new OscPacket.Message(address, args));
    }

    /** The message in a datagram; empty for a bundle or bytes that are not OSC. */
    public Optional<Message> decode(ByteBuffer datagram) {
        try {
            return codec.decode(datagram) instanceof OscPacket.Message m
                    ? Optional.of(new Message(m.address(), m.args())) : Optional.empty();
        } catch (ProtocolException e) {
            return Optional.empty();
        }
    }
}
