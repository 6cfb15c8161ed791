package dev.encore.control.osc;

import java.io.ByteArrayOutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * OSC 1.1 stream framing: RFC 1055 SLIP with an END byte before and after each packet (double-END),
 * so a receiver can resynchronise. Empty frames between two ENDs are skipped.
 */
final class SlipFrameCodec implements FrameCodec {
    static final byte END = (byte) 0xC0;
    static final byte ESC = (byte) 0xDB;
    static final byte ESC_END = (byte) 0xDC;
    static final byte ESC_ESC = (byte) 0xDD;

    private final int maxFrameBytes;
    private final ByteArrayOutputStream frame = new ByteArrayOutputStream();
    private boolean escaped;

    SlipFrameCodec(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public byte[] encode(byte[] packet) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(packet.length + 8);
        out.write(END);
        for (byte b : packet) {
            if (b == END) {
                out.write(ESC);
                out.write(ESC_END);
            } else if (b == ESC) {
                out.write(ESC);
                out.write(ESC_ESC);
            } else {
                out.write(b);
            }
        }
        out.write(END);
        return out.toByteArray();
    }

    @Override
    public void decode(ByteBuffer received, Consumer<byte[]> packets) throws ProtocolException {
        while (received.hasRemaining()) {
            byte b = received.get();
            if (escaped) {
                escaped = false;
                if (b == ESC_END) {
                    append(END);
                } else if (b == ESC_ESC) {
                    append(ESC);
                } else {
                    throw new ProtocolException(String.format("SLIP escape followed by 0x%02X", b & 0xff));
                }
            } else if (b == ESC) {
                escaped = true;
            } else if (b == END) {
                if (frame.size() > 0) {
                    packets.accept(frame.toByteArray());
                    frame.reset();
                }
            } else {
                append(b);
            }
        }
    }

    @Override
    public boolean holdsPartialFrame() {
        return frame.size() > 0 || escaped;
    }

    private void append(byte b) throws ProtocolException {
        if (frame.size() == 0 && b == 0) {
            throw new ProtocolException("a frame starts with a zero byte, so the client seems to send OSC 1.0"
                    + " size-prefixed packets (liblo's oscsend does); set tcp_framing: size_prefix in the osc section of osc-map.yaml");
        }
        if (frame.size() >= maxFrameBytes) {
            throw new ProtocolException("SLIP frame longer than " + maxFrameBytes + " bytes");
        }
        frame.write(b);
    }
}
