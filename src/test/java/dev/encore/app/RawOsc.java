package dev.encore.app;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Hand-built OSC packets for what a well-behaved client library would never send: any type tags
 * with raw argument bytes, any address bytes, bundles of any size. Written from the OSC 1.0
 * specification.
 */
final class RawOsc {
    private RawOsc() {
    }

    /** A message with {@code address} (raw bytes), type tags {@code tags} (without the comma) and raw argument bytes. */
    static byte[] message(byte[] address, String tags, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        padded(out, address);
        padded(out, ("," + tags).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    static byte[] message(String address, String tags, byte[] payload) {
        return message(address.getBytes(StandardCharsets.UTF_8), tags, payload);
    }

    /** A bundle due at once holding {@code elements}. */
    static byte[] bundle(List<byte[]> elements) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("#bundle\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(8).putLong(1L).array());
        for (byte[] element : elements) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(element.length).array());
            out.writeBytes(element);
        }
        return out.toByteArray();
    }

    /** {@code bytes}, a terminating zero and padding to a multiple of four. */
    static void padded(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(bytes);
        int zeros = 4 - bytes.length % 4;
        out.writeBytes(new byte[zeros]);
    }
}
