package dev.encore.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.control.MirrorRole;
import dev.encore.control.MirrorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mirror flags of the daemon's command line, laid over the map's mirror: section. */
class DaemonConfigMirrorTest {
    @TempDir
    Path dir;

    private DaemonConfig config(String map, String... args) throws Exception {
        Path file = Files.writeString(dir.resolve("osc-map.yaml"), map);
        List<String> all = new java.util.ArrayList<>(List.of("--map", file.toString()));
        all.addAll(List.of(args));
        EncoreCommand command = new EncoreCommand(new dev.encore.app.cli.Terminal(System.out, System.err));
        new picocli.CommandLine(command).parseArgs(all.toArray(String[]::new));
        return DaemonConfig.load(command.options());
    }

    @Test
    void flagsWinOverTheMapAndAMirroredStoreOpensFollowing() throws Exception {
        DaemonConfig c = config("mirror:\n  role: backup\n  bind: 10.0.0.2:7800\n  peers: [10.0.0.1:7800]\n  detection_ms: 2000\n",
                "--role", "primary", "--mirror-bind", "127.0.0.1:7801", "--mirror-peer", "127.0.0.1:7802", "--mirror-peer",
                "127.0.0.1:7803", "--mirror-group", "late-show", "--mirror-advertise", "198.51.100.4:7801");
        MirrorSettings m = c.mirror();
        assertEquals(MirrorRole.PRIMARY, m.role());
        assertEquals("127.0.0.1:7801", m.bind());
        assertEquals(List.of("127.0.0.1:7802", "127.0.0.1:7803"), m.peers());
        assertEquals("late-show", m.group());
        assertEquals("198.51.100.4:7801", m.advertise());
        assertEquals(2000, m.detectionMs());
        assertTrue(c.storeOptions().mirrored());
    }

    @Test
    void standaloneIsTheDefaultAndItsStoreLeads() throws Exception {
        DaemonConfig c = config("");
        assertEquals(MirrorRole.STANDALONE, c.mirror().role());
        assertFalse(c.storeOptions().mirrored());
    }

    @Test
    void badFlagsAreRefusedNamingTheFlagAndTheFix() throws Exception {
        assertRefused(config("", "--role", "spare"), "--role spare: write standalone, primary or backup");
        assertRefused(config("", "--role", "backup", "--mirror-bind", "127.0.0.1", "--mirror-peer", "127.0.0.1:7800"),
                "--mirror-bind: '127.0.0.1' needs a host and a port");
        assertRefused(config("", "--role", "backup", "--mirror-bind", "127.0.0.1:7800"), "--mirror-peer HOST:PORT");
        assertRefused(config("", "--mirror-group", "two words"), "--mirror-group 'two words'");
        assertRefused(config("", "--mirror-advertise", "198.51.100.4"), "--mirror-advertise: '198.51.100.4' needs a host and a port");
    }

    @Test
    void theMapsKeyFileIsFoundBesideTheMapAndTheFlagsInTheWorkingDirectory() throws Exception {
        String map = "mirror:\n  role: backup\n  bind: 10.0.0.2:7800\n  peers: [10.0.0.1:7800]\n  key: keys/show.p12\n";
        assertEquals(dir.resolve("keys/show.p12").toAbsolutePath().toString(), config(map).mirror().key());
        assertEquals(Path.of("elsewhere.p12").toAbsolutePath().toString(), config(map, "--mirror-key", "elsewhere.p12").mirror().key());
        assertEquals(null, config("mirror:\n  role: backup\n  bind: 10.0.0.2:7800\n  peers: [10.0.0.1:7800]\n").mirror().key());
    }

    private static void assertRefused(DaemonConfig c, String expected) {
        EncoreException e = assertThrows(EncoreException.class, c::mirror);
        assertEquals(Reason.BAD_CONFIG, e.reason());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
