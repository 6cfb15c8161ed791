package dev.encore.control.osc;

import dev.encore.control.TcpFraming;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Delimits OSC packets on one TCP stream. A decoder keeps the state of a partly received frame, so
 * each connection owns its own; a bad or oversize frame is a {@link ProtocolException} that closes
 * only that connection.
 */
sealed interface FrameCodec permits SlipFrameCodec, SizePrefixFrameCodec {

    static FrameCodec of(TcpFraming framing, int maxFrameBytes) {
        return switch (framing) {
            case SLIP -> new SlipFrameCodec(maxFrameBytes);
            case SIZE_PREFIX -> new SizePrefixFrameCodec(maxFrameBytes);
        };
    }

    /** The bytes to write for one packet. */
    byte[] encode(byte[] packet);

    /** Consumes all of {@code received} and hands every completed packet to {@code packets}. */
    void decode(ByteBuffer received, Consumer<byte[]> packets) throws ProtocolException;

    /** True while part of a frame has arrived and its end has not. */
    boolean holdsPartialFrame();
}
