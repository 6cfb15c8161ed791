package dev.encore.control.osc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OscCodecTest {
    private final OscCodec codec = new OscCodec();

    private OscPacket decode(byte[] bytes) throws ProtocolException {
        return codec.decode(ByteBuffer.wrap(bytes));
    }

    @Test
    void messageDecodesIntoPlainValues() throws Exception {
        OscPacket.Message message = (OscPacket.Message) decode(
                OscBytes.message("/encore/track/trim", 2, 1.5f, 12.25, 40L, "Zwölf Töne ✓", true, false));
        assertEquals("/encore/track/trim", message.address());
        assertEquals(List.of(2, 1.5f, 12.25, 40L, "Zwölf Töne ✓", true, false), message.args());
    }

    @Test
    void argumentsAfterABlobAreReadCorrectly() throws Exception {
        byte[] blob = {9, 8, 7};
        OscPacket.Message message = (OscPacket.Message) decode(OscBytes.message("/encore/param/x", blob, 5, "after"));
        assertArrayEquals(blob, (byte[]) message.args().get(0));
        assertEquals(List.of(5, "after"), message.args().subList(1, 3));
    }

    @Test
    void messageWithoutTypeTagsHasNoArguments() throws Exception {
        byte[] legacy = "/encore/next\0\0\0\0".getBytes(StandardCharsets.US_ASCII);
        assertEquals(new OscPacket.Message("/encore/next", List.of()), decode(legacy));
    }

    @Test
    void nilArrivesAsAnUnsupportedArgument() throws Exception {
        OscPacket.Message message = (OscPacket.Message) decode(OscBytes.message("/encore/save", (Object) null));
        assertEquals(List.of(new OscPacket.Unsupported("nil (type N)")), message.args());
    }

    @Test
    void encodedMessageReadsBackWithAnIndependentDecoder() {
        byte[] bytes = codec.encode(new OscPacket.Message("/encore/reply",
                List.of("/encore/save", "saved “Set 2”", 3, 0.25f, new byte[] {1, (byte) 0xC0}, "req:1")));
        OscBytes.Msg decoded = OscBytes.decode(bytes);
        assertEquals("/encore/reply", decoded.address());
        assertEquals(List.of("/encore/save", "saved “Set 2”", 3, 0.25f), decoded.args().subList(0, 4));
        assertArrayEquals(new byte[] {1, (byte) 0xC0}, (byte[]) decoded.arg(4));
        assertEquals("req:1", decoded.last());
    }

    @Test
    void encodingAnArgumentOscCannotCarryFailsWithItsAddress() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codec.encode(new OscPacket.Message("/encore/session", List.of(new Object()))));
        assertTrue(e.getMessage().contains("/encore/session"), e.getMessage());
    }

    @Test
    void bundleKeepsItsTimeTagAndNestedElementsInOrder() throws Exception {
        byte[] inner = OscBytes.bundle(77L, OscBytes.message("/b"));
        OscPacket.Bundle bundle = (OscPacket.Bundle) decode(OscBytes.bundle(42L, OscBytes.message("/a"), inner));
        assertEquals(42L, bundle.ntpTimeTag());
        assertEquals(new OscPacket.Message("/a", List.of()), bundle.elements().get(0));
        OscPacket.Bundle nested = assertInstanceOf(OscPacket.Bundle.class, bundle.elements().get(1));
        assertEquals(77L, nested.ntpTimeTag());
    }

    @Test
    void bundlesNestedTooDeepAreRefused() {
        byte[] packet = OscBytes.message("/deep");
        for (int i = 0; i <= OscCodec.MAX_BUNDLE_DEPTH; i++) {
            packet = OscBytes.bundle(1L, packet);
        }
        byte[] tooDeep = packet;
        assertThrows(ProtocolException.class, () -> decode(tooDeep));
    }

    @Test
    void malformedInputIsAlwaysAProtocolException() {
        byte[] valid = OscBytes.message("/encore/open", "Song", 3);
        List<byte[]> bad = List.of(
                new byte[0],
                "nope".getBytes(StandardCharsets.US_ASCII),
                Arrays.copyOf(valid, valid.length - 3),
                Arrays.copyOf(valid, 10),
                OscBytes.concat("/x\0\0,q\0\0".getBytes(StandardCharsets.US_ASCII)),
                OscBytes.concat("/x\0\0,[[i]]\0\0".getBytes(StandardCharsets.US_ASCII), new byte[8]),
                OscBytes.concat("/x\0\0,[i\0\0\0".getBytes(StandardCharsets.US_ASCII), new byte[4]),
                OscBytes.concat("/x\0\0,b\0\0".getBytes(StandardCharsets.US_ASCII), new byte[] {0x7f, 0, 0, 0}),
                OscBytes.concat("/x\0\0,s\0\0".getBytes(StandardCharsets.US_ASCII), "unterminated".getBytes(StandardCharsets.US_ASCII)),
                OscBytes.concat("/x\0\0,s\0\0".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0}),
                OscBytes.concat(OscBytes.bundle(1L), new byte[] {0, 0, 0, 64}),
                OscBytes.concat(OscBytes.bundle(1L), new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfc}),
                Arrays.copyOf(OscBytes.bundle(1L), 12));
        for (byte[] packet : bad) {
            assertThrows(ProtocolException.class, () -> decode(packet), () -> Arrays.toString(packet));
        }
    }
}
