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

class SlipFrameCodecTest {
    private static final byte END = (byte) 0xC0;
    private static final byte ESC = (byte) 0xDB;

    private final SlipFrameCodec codec = new SlipFrameCodec(64);
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
    void encodingUsesDoubleEndAndEscapesEndAndEsc() {
        assertArrayEquals(new byte[] {END, 1, ESC, (byte) 0xDC, ESC, (byte) 0xDD, 2, END},
                codec.encode(new byte[] {1, END, ESC, 2}));
    }

    @Test
    void encodedFrameDecodesToTheSamePacket() throws Exception {
        byte[] packet = {'/', 0, END, 5, ESC, ESC, END, 127};
        feed(codec.encode(packet));
        assertEquals(1, frames.size());
        assertArrayEquals(packet, frames.get(0));
    }

    @Test
    void frameSplitAcrossReadsIncludingInsideAnEscapeIsJoined() throws Exception {
        feed(END, 1, ESC);
        feed((byte) 0xDC, 2);
        assertEquals(0, frames.size());
        feed(END);
        assertArrayEquals(new byte[] {1, END, 2}, frames.get(0));
    }

    @Test
    void severalFramesInOneReadAndSingleEndSendersAreAccepted() throws Exception {
        feed(1, END, END, 2, END, 3, END);
        assertEquals(3, frames.size());
        assertArrayEquals(new byte[] {3}, frames.get(2));
    }

    @Test
    void escapeFollowedByAnythingElseIsABadFrame() {
        assertThrows(ProtocolException.class, () -> feed(END, 1, ESC, 7, END));
    }

    @Test
    void frameLongerThanTheLimitIsABadFrame() {
        assertThrows(ProtocolException.class, () -> feed(new byte[65]));
    }

    @Test
    void sizePrefixedInputIsRefusedNamingTheMapSettingToWrite() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> feed(0, 0, 0, 16, '/', 'x'));
        assertTrue(e.getMessage().contains("tcp_framing: size_prefix"), e.getMessage());
    }
}
