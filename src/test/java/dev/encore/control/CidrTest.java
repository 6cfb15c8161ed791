package dev.encore.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CidrTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "192.168.0.0/16, 192.168.4.20, true",
        "192.168.0.0/16, 192.169.0.1, false",
        "172.16.0.0/12, 172.31.255.255, true",
        "172.16.0.0/12, 172.32.0.0, false",
        "10.1.2.3, 10.1.2.3, true",
        "10.1.2.3, 10.1.2.4, false",
        "0.0.0.0/0, 8.8.8.8, true",
        "fe80::/10, fe80::1:2, true",
        "fe80::/10, fec0::1, false",
        "fc00::/7, fd12:3456::9, true",
        "::1/128, ::1, true",
        "::1/128, ::2, false",
        "127.0.0.0/8, ::ffff:127.0.0.9, true",
        "127.0.0.0/8, ::1, false",
        "::/0, 10.0.0.1, false",
    })
    void rangeContainsExactlyItsAddresses(String range, String address, boolean inside) throws Exception {
        assertEquals(inside, Cidr.parse(range).contains(InetAddress.getByName(address)));
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource(delimiter = '|', value = {
        "192.168.0.0/33 | must be a number from 0 to 32",
        "192.168.0/16 | not an IPv4 or IPv6 address",
        "256.1.1.1/32 | '256' is not a number from 0 to 255",
        "10.0.0.0/x | prefix '/x'",
        "fe80::/129 | must be a number from 0 to 128",
        "fe80:::1/64 | not a valid IPv6 address",
        "stage-laptop.local/24 | host names are not allowed",
        "192.168.1.10/24 | did you mean 192.168.1.0/24?",
        "::ffff:10.0.0.0/104 | IPv4 form",
    })
    void badRangeIsABadArgumentsErrorNamingTheRangeAndTheFix(String range, String why) {
        EncoreException e = assertThrows(EncoreException.class, () -> Cidr.parse(range));
        assertEquals(Reason.BAD_ARGUMENTS, e.reason());
        assertTrue(e.getMessage().contains("'" + range + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertTrue(e.getMessage().contains("192.168.0.0/16"), "the message shows a valid example");
    }

    @Test
    void emptyRangeIsRefused() {
        assertEquals(Reason.BAD_ARGUMENTS, assertThrows(EncoreException.class, () -> Cidr.parse(" ")).reason());
    }

    @Test
    void rangesWrittenDifferentlyButMeaningTheSameAreEqual() {
        assertEquals(Cidr.parse("fe80:0:0::/10"), Cidr.parse("fe80::/10"));
        assertEquals("fe80:0:0:0:0:0:0:0/10", Cidr.parse("fe80::/10").toString());
        assertFalse(Cidr.parse("10.0.0.0/8").equals(Cidr.parse("10.0.0.0/9")));
    }
}
