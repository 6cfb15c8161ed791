package dev.encore.control.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.control.TcpFraming;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class OscConfigTest {
    private final OscConfig defaults = OscConfig.defaults();

    @Test
    void defaultsMatchTouchOscsPortsAndTheProtocol() {
        assertEquals("0.0.0.0", defaults.bindHost());
        assertEquals(8000, defaults.port());
        assertEquals(9000, defaults.replyPort());
        assertEquals(TcpFraming.SLIP, defaults.tcpFraming());
        assertEquals(Duration.ofSeconds(2), defaults.heartbeatInterval());
        assertEquals(AllowList.defaults(), defaults.allow());
        assertEquals(65_507, defaults.maxPacketBytes(), "the same as osc-map.yaml's max_packet_bytes");
    }

    @Test
    void withersChangeOneValue() {
        OscConfig changed = defaults.withPort(0).withReplyPort(9001);
        assertEquals(0, changed.port());
        assertEquals(9001, changed.replyPort());
        assertEquals(defaults.tcpFraming(), changed.tcpFraming());
        assertEquals(defaults.allow(), changed.allow());
    }

    @Test
    void outOfRangeValuesFailWithBadArgumentsNamingTheSetting() {
        assertRefused(() -> defaults.withPort(70_000), "osc port");
        assertRefused(() -> defaults.withReplyPort(0), "reply_port");
        assertRefused(() -> OscConfigs.maxPacketBytes(defaults, 70_000), "max packet bytes");
        assertRefused(() -> OscConfigs.maxPacketBytes(defaults, 8), "max packet bytes");
        assertRefused(() -> OscConfigs.maxPacketBytes(defaults, 511), "from 512 to 65507");
        assertRefused(() -> OscConfigs.subscriberTimeout(defaults, Duration.ZERO), "subscriber timeout");
        assertRefused(() -> defaults.withHeartbeatInterval(Duration.ofMillis(-1)), "heartbeat");
        assertRefused(() -> defaults.withHeartbeatInterval(Duration.ofMillis(1)), "heartbeat");
        assertRefused(() -> defaults.withMaxTcpClients(-1), "TCP clients");
        assertRefused(() -> defaults.withBindHost(" "), "bind host");
    }

    @Test
    void heartbeatIntervalZeroTurnsItOff() {
        assertEquals(Duration.ZERO, defaults.withHeartbeatInterval(Duration.ZERO).heartbeatInterval());
    }

    private static void assertRefused(Supplier<OscConfig> build, String setting) {
        EncoreException e = assertThrows(EncoreException.class, build::get);
        assertEquals(Reason.BAD_ARGUMENTS, e.reason());
        assertTrue(e.getMessage().contains(setting), e.getMessage());
        assertTrue(e.getMessage().contains("osc-map.yaml"), e.getMessage());
    }
}
