package dev.encore.control.osc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SizePrefixFrameCodecTest {
    private final SizePrefixFrameCodec codec = new SizePrefixFrameCodec(64);
    private final List<byte[]> frames = new ArrayList<>();

    private void feed(byte[] bytes) throws ProtocolException {
        codec.decode(ByteBuffer.wrap(bytes), frames::add);
    }

    private void feed(int... values) throws ProtocolException {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        feed(bytes);
    }

    @Test
    void encodingPrefixesTheBigEndianLength() {
        assertArrayEquals(new byte[] {0, 0, 0, 3, 7, 8, 9}, codec.encode(new byte[] {7, 8, 9}));
    }

    @Test
    void framesSplitAnywhereAreJoinedAndBackToBackFramesSeparated() throws Exception {
        feed(0, 0);
        feed(0, 2, 1);
        feed(2, 0, 0, 0, 1, 3);
        assertEquals(2, frames.size());
        assertArrayEquals(new byte[] {1, 2}, frames.get(0));
        assertArrayEquals(new byte[] {3}, frames.get(1));
    }

    @Test
    void sizeBeyondTheLimitOrNotPositiveIsABadFrame() {
        assertThrows(ProtocolException.class, () -> feed(0, 0, 0, 65));
        assertThrows(ProtocolException.class, () -> new SizePrefixFrameCodec(64).decode(
                ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}), frames::add));
        assertThrows(ProtocolException.class, () -> new SizePrefixFrameCodec(64).decode(
                ByteBuffer.wrap(new byte[] {0, 0, 0, 0}), frames::add));
    }

    @Test
    void slipInputIsRefusedWithAHintToSwitchFraming() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> feed(0xC0, '/', 'x', 0));
        assertTrue(e.getMessage().contains("SLIP"), e.getMessage());
    }
}
