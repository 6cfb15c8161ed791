package dev.encore.control.osc;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** OSC 1.0 stream framing: each packet preceded by its length as a big-endian int32. */
final class SizePrefixFrameCodec implements FrameCodec {
    private final int maxFrameBytes;
    private final ByteBuffer size = ByteBuffer.allocate(Integer.BYTES);
    private ByteBuffer body;

    SizePrefixFrameCodec(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public byte[] encode(byte[] packet) {
        return ByteBuffer.allocate(Integer.BYTES + packet.length).putInt(packet.length).put(packet).array();
    }

    @Override
    public void decode(ByteBuffer received, Consumer<byte[]> packets) throws ProtocolException {
        while (received.hasRemaining()) {
            if (body == null) {
                moveBytes(received, size);
                if (size.hasRemaining()) {
                    return;
                }
                int length = size.getInt(0);
                if (length <= 0 || length > maxFrameBytes) {
                    byte first = size.get(0);
                    String hint = first == SlipFrameCodec.END || first == '/' || first == '#'
                            ? ": the client seems to send SLIP-framed packets (OSC 1.1); set tcp_framing: slip in the osc section of osc-map.yaml"
                            : "";
                    throw new ProtocolException("frame size " + length + " is outside 1.." + maxFrameBytes + hint);
                }
                size.clear();
                body = ByteBuffer.allocate(length);
            }
            moveBytes(received, body);
            if (!body.hasRemaining()) {
                packets.accept(body.array());
                body = null;
            }
        }
    }

    @Override
    public boolean holdsPartialFrame() {
        return body != null || size.position() > 0;
    }

    private static void moveBytes(ByteBuffer from, ByteBuffer to) {
        int n = Math.min(from.remaining(), to.remaining());
        to.put(from.slice().limit(n));
        from.position(from.position() + n);
    }
}
