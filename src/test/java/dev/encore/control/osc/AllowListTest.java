package dev.encore.control.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AllowListTest {
    private final AllowList defaults = AllowList.defaults();

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "10.20.30.40", "172.20.1.1", "192.168.178.23", "169.254.7.7",
        "fe80::1c2d:3e4f", "fd00::5"})
    void defaultAllowsLoopbackAndTheLocalNetwork(String address) throws Exception {
        assertTrue(defaults.allows(InetAddress.getByName(address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "100.64.1.1", "172.32.0.1", "2001:db8::1", "2a00:1450::200e"})
    void defaultRefusesTheInternet(String address) throws Exception {
        assertFalse(defaults.allows(InetAddress.getByName(address)));
    }

    @Test
    void firstBadRangeFailsTheWholeList() {
        EncoreException e = assertThrows(EncoreException.class,
                () -> AllowList.parse(List.of("10.0.0.0/8", "10.0.0.0/40")));
        assertEquals(Reason.BAD_ARGUMENTS, e.reason());
        assertTrue(e.getMessage().contains("10.0.0.0/40"), e.getMessage());
    }

    @Test
    void emptyListAllowsNobody() throws Exception {
        assertFalse(AllowList.parse(List.of()).allows(InetAddress.getByName("127.0.0.1")));
    }
}
