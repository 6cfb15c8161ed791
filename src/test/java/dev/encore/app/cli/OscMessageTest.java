package dev.encore.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code send} reads the arguments a person types, and that what it writes reads back the same. */
class OscMessageTest {
    @Test
    void typedArgumentsTakeTheirPrefixedTypeAndUntypedOnesTheNaturalOne() {
        assertEquals(5, OscMessage.argument("i:5"));
        assertEquals(0.5f, OscMessage.argument("f:0.5"));
        assertEquals("42", OscMessage.argument("s:42"));
        assertEquals(7L, OscMessage.argument("h:7"));
        assertEquals(0.25, OscMessage.argument("d:0.25"));
        assertEquals(true, OscMessage.argument("T"));
        assertEquals(false, OscMessage.argument("F"));
        assertEquals(12, OscMessage.argument("12"));
        assertEquals(-3, OscMessage.argument("-3"));
        assertEquals(0.75f, OscMessage.argument("0.75"));
        assertEquals("Opening Night", OscMessage.argument("Opening Night"));
        assertEquals("x:y", OscMessage.argument("x:y"));
        assertEquals("12345678901", OscMessage.argument("12345678901"), "too long for an int32: kept as text");
    }

    @Test
    void anEncodedMessageDecodesToTheSameAddressAndValues() {
        OscMessage m = new OscMessage("/encore/save", List.of("Opening", 3, 0.5f, 9L, 1.5, true, "req:cli-1"));
        assertEquals(m, OscMessage.decode(m.encode()));
    }

    @Test
    void somethingThatIsNotAnOscMessageDecodesToNothing() {
        assertEquals(null, OscMessage.decode("#bundle\0\0\0\0\0\0\0\0\1".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals(null, OscMessage.decode(new byte[] {1, 2, 3}));
    }
}
