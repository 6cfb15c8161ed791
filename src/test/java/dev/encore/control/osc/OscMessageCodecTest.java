package dev.encore.control.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A session manager's messages through the OSC server's codec: UTF-8 both ways, junk is empty, never a throw. */
class OscMessageCodecTest {
    private final OscMessageCodec codec = new OscMessageCodec();

    @Test
    void aMessageComesBackWithItsAddressAndArgumentsInUtf8() {
        byte[] bytes = codec.encode("/nsm/client/open", List.of("/home/ève/Sessions/Fête", "Fête", "nÉ1", 3, 0.5f));
        OscMessageCodec.Message m = codec.decode(ByteBuffer.wrap(bytes)).orElseThrow();
        assertEquals("/nsm/client/open", m.address());
        assertEquals(List.of("/home/ève/Sessions/Fête", "Fête", "nÉ1", 3, 0.5f), m.args());
        assertEquals("Fête", m.string(1));
        assertNull(m.string(3), "an int is not text");
        assertNull(m.string(9), "past the end");
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("Fête"), "strings go out as UTF-8");
    }

    @Test
    void bytesThatAreNotOneMessageDecodeToEmpty() {
        assertTrue(codec.decode(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII))).isEmpty());
        assertTrue(codec.decode(ByteBuffer.wrap(new byte[] {'/', 'a', 0, 0, ',', 'i', 0, 0, 1})).isEmpty(), "truncated int");
        assertTrue(codec.decode(ByteBuffer.allocate(0)).isEmpty());
        byte[] bundle = "#bundle\0\0\0\0\0\0\0\0\1".getBytes(StandardCharsets.US_ASCII);
        assertTrue(codec.decode(ByteBuffer.wrap(bundle)).isEmpty(), "a bundle is not one message");
    }

    @Test
    void anArgumentOscCannotCarryIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codec.encode("/nsm/client/progress", List.of(new Object())));
        assertTrue(e.getMessage().contains("/nsm/client/progress"), e.getMessage());
    }
}
