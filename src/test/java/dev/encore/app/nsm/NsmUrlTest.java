package dev.encore.app.nsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NsmUrlTest {
    @Test
    void udpUrlGivesHostAndPort() {
        NsmUrl url = NsmUrl.parse("osc.udp://127.0.0.1:17777/");
        assertEquals("127.0.0.1", url.address().getHostString());
        assertEquals(17777, url.address().getPort());
    }

    @Test
    void tcpGarbageAndMissingPortAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NsmUrl.parse("osc.tcp://host:1/")).getMessage()
                .contains("osc.udp://"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NsmUrl.parse("osc.udp://host/")).getMessage()
                .contains("no host and port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NsmUrl.parse("not a url")).getMessage()
                .contains("NSM_URL"));
    }
}
