package dev.encore.control.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.control.MirrorRole;
import dev.encore.control.MirrorSettings;
import dev.encore.control.map.ControlMapReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code mirror:} section of osc-map.yaml: defaults, values, and each mistake with its line and fix. */
class MirrorSettingsTest {
    private static ControlMapReader.Outcome read(String yaml) {
        return ControlMapReader.read(yaml, "osc-map.yaml", null);
    }

    @Test
    void withoutAMirrorSectionTheLaptopIsStandalone() {
        MirrorSettings m = read("").map().mirror();
        assertEquals(MirrorRole.STANDALONE, m.role());
        assertEquals("encore", m.group());
        assertEquals(3000, m.detectionMs());
        assertEquals(false, m.autoTakeover());
    }

    @Test
    void aBackupWithItsAddressPeersAndAutomaticTakeoverIsRead() {
        MirrorSettings m = read("""
                mirror:
                  role: backup
                  bind: 192.168.1.21:7800
                  peers: [192.168.1.20:7800]
                  group: show-one
                  detection_ms: 1500
                  takeover: auto
                  takeover_delay_ms: 2000
                  advertise: 203.0.113.7:17800
                  key: keys/show-one.p12
                """).map().mirror();
        assertEquals(MirrorRole.BACKUP, m.role());
        assertEquals("192.168.1.21:7800", m.bind());
        assertEquals(List.of("192.168.1.20:7800"), m.peers());
        assertEquals("show-one", m.group());
        assertEquals(1500, m.detectionMs());
        assertTrue(m.autoTakeover());
        assertEquals(2000, m.takeoverDelayMs());
        assertEquals("203.0.113.7:17800", m.advertise());
        assertEquals("keys/show-one.p12", m.key());
    }

    @Test
    void everyMistakeIsNamedWithItsLineAndWhatToWrite() {
        List<ControlMapProblem> problems = read("""
                mirror:
                  role: primary
                  bind: 0.0.0.0:7800
                  peers: [laptop-b, "10.0.0.2:99999"]
                  group: "my show"
                  detection_ms: 100
                  takeover: sometimes
                  advertise: 203.0.113.7:0
                  key: ""
                """).problems();
        assertEquals(List.of(3, 4, 4, 5, 6, 7, 8, 9), problems.stream().map(ControlMapProblem::line).toList(), problems.toString());
        assertTrue(problems.get(0).message().contains("this laptop's address"), problems.get(0).message());
        assertTrue(problems.get(1).message().contains("needs a host and a port"), problems.get(1).message());
        assertTrue(problems.get(2).message().contains("from 1 to 65535"), problems.get(2).message());
        assertTrue(problems.get(3).message().contains("letters, digits"), problems.get(3).message());
        assertTrue(problems.get(4).message().contains("from 500 to 60000"), problems.get(4).message());
        assertTrue(problems.get(5).message().contains("manual") && problems.get(5).message().contains("auto"), problems.get(5).message());
        assertTrue(problems.get(6).message().contains("'advertise'") && problems.get(6).message().contains("from 1 to 65535"),
                problems.get(6).message());
        assertTrue(problems.get(7).message().contains("'key' is empty") && problems.get(7).message().contains("encore mirror-key"),
                problems.get(7).message());
    }

    @Test
    void aPrimaryOrBackupNeedsItsAddressAndAPeer() {
        List<ControlMapProblem> problems = read("mirror:\n  role: backup\n").problems();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().allMatch(p -> p.line() == 2), problems.toString());
        assertTrue(problems.get(0).message().contains("bind"), problems.get(0).message());
        assertTrue(problems.get(1).message().contains("peers"), problems.get(1).message());
    }

    @Test
    void anUnknownRoleIsRefused() {
        List<ControlMapProblem> problems = read("mirror:\n  role: spare\n").problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(2, problems.get(0).line());
    }

    @Test
    void hostAndPortRulesAcceptNamesAndBracketedIpv6() {
        assertNull(MirrorSettings.hostPortProblem("stage-left.local:7800", false));
        assertNull(MirrorSettings.hostPortProblem("[fe80::1]:7800", false));
        assertNull(MirrorSettings.hostPortProblem("127.0.0.1:0", true));
        assertTrue(MirrorSettings.hostPortProblem("fe80::1:7800", false).contains("brackets"));
        assertTrue(MirrorSettings.hostPortProblem("127.0.0.1:0", false).contains("from 1"));
    }
}
