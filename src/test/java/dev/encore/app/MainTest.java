package dev.encore.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.session.EngineFailure;
import dev.encore.store.SessionStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user types it: help, flags, map checks, a damaged store and its rebuild. */
class MainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aStuckEngineExitsWithCode4AndADeadOneWithCode3AsREADMESays() {
        EngineFailure stuck = new EngineFailure(EngineFailure.Kind.STUCK, "open", 30_000, null, "stack", true);
        EngineFailure died = new EngineFailure(EngineFailure.Kind.DIED, "open", 5, new Error("x"), "stack", true);
        assertEquals(4, Main.exitCode(stuck));
        assertEquals(3, Main.exitCode(died));
        assertTrue(stuck.describe().startsWith("The session engine has been stuck in 'open' for 30000 ms"), stuck.describe());
        assertTrue(died.describe().contains("died in 'open' of java.lang.Error: x"), died.describe());
    }

    @Test
    void helpListsEveryOptionAndExitsZero() {
        assertEquals(0, run("--help"));
        for (String flag : List.of("--data", "--map", "--osc-port", "--reply-port", "--media", "--check-map", "--rebuild")) {
            assertTrue(out().contains(flag), flag + " is explained");
        }
    }

    @Test
    void anUnknownFlagIsNamedAndExitsTwo() {
        assertEquals(2, run("--data", dir.toString(), "--verbose"));
        assertTrue(err().contains("Unknown option: '--verbose'"), err());
        assertTrue(err().contains("--help"), err());
    }

    @Test
    void aFlagWithoutItsValueOrABadPortExitsTwo() {
        assertEquals(2, run("--data"));
        assertTrue(err().contains("Missing required parameter for option '--data'"), err());
        assertEquals(2, run("--osc-port", "eighty"));
        assertTrue(err().contains("'--osc-port'") && err().contains("must be a port number from 0 to 65535, not 'eighty'"), err());
    }

    @Test
    void checkMapPrintsEveryProblemWithItsLineAndExitsOne() throws IOException {
        Path map = dir.resolve("osc-map.yaml");
        Files.writeString(map, """
                osc:
                  prot: 8000
                session:
                  switch_policy: keep_draft
                """);
        assertEquals(1, run("--check-map", "--map", map.toString()));
        assertTrue(err().contains("line 2"), err());
        assertTrue(err().contains("did you mean 'port'?"), err());
        assertTrue(err().contains("line 4"), err());
        assertTrue(err().contains("keep-draft"), err());
    }

    @Test
    void anInvalidMapRefusesToStartAndOpensNothing() throws IOException {
        Path map = dir.resolve("osc-map.yaml");
        Files.writeString(map, "osc:\n  port: lots\n  reply_port: 70000\n");
        Path data = dir.resolve("data");
        assertEquals(1, run("--data", data.toString(), "--map", map.toString()));
        assertTrue(err().contains("2 problems"), err());
        assertTrue(err().contains("line 2") && err().contains("line 3"), err());
        assertTrue(Files.notExists(data), "no store was created");
    }

    /** The store of an existing folder is read while the map is read; a bad map must still leave the folder free. */
    @Test
    void anInvalidMapOnAnExistingStoreRefusesToStartAndLeavesTheFolderFree() throws IOException {
        Path data = dir.resolve("data");
        try (SessionStore store = SessionStore.open(data)) {
            store.create("Kept", dev.encore.session.SnapshotCodec.encode(dev.encore.session.Snapshot.EMPTY), java.util.Set.of());
        }
        Path map = dir.resolve("osc-map.yaml");
        Files.writeString(map, "osc:\n  port: lots\n");
        assertEquals(1, run("--data", data.toString(), "--map", map.toString()));
        assertTrue(err().contains("line 2"), err());
        try (SessionStore store = SessionStore.open(data)) {
            assertEquals(1, store.setlist().size(), "the folder is not held by the refused start");
        }
    }

    @Test
    void checkMapFailsForAMissingMediaFolderAndSaysToCreateOrRemoveIt() throws IOException {
        Path map = dir.resolve("osc-map.yaml");
        Files.writeString(map, "media: [/does/not/exist]\n");
        assertEquals(1, run("--check-map", "--map", map.toString()));
        assertTrue(err().contains("/does/not/exist"), err());
        assertTrue(err().contains("Create the folder, or remove it from the media list"), err());
        assertTrue(!err().contains("address table"), "the hint is about the map, not the OSC addresses: " + err());
    }

    @Test
    void checkMapAndTheStartFailForAMissingOrDamagedMirrorKeyNamingTheFileAndHowToMakeOne() throws IOException {
        Path map = dir.resolve("osc-map.yaml");
        Files.writeString(map, "mirror:\n  role: backup\n  bind: 127.0.0.1:7800\n  peers: [127.0.0.1:7801]\n  key: show.p12\n");
        assertEquals(1, run("--check-map", "--map", map.toString()));
        assertTrue(err().contains(dir.resolve("show.p12").toString()) && err().contains("does not exist")
                && err().contains("encore mirror-key show.p12"), err());
        Files.writeString(dir.resolve("show.p12"), "not a key");
        Path data = dir.resolve("data");
        assertEquals(1, run("--data", data.toString(), "--map", map.toString()));
        assertTrue(err().contains("is not a mirror key, or it is damaged"), err());
        assertTrue(!Files.exists(data), "a refused start made the data folder");
    }

    @Test
    void checkMapOnAGoodMapExitsZero() throws IOException {
        Path map = dir.resolve("osc-map.yaml");
        Files.writeString(map, "osc:\n  port: 8123\n");
        assertEquals(0, run("--check-map", "--map", map.toString()));
        assertTrue(out().contains("is valid") && out().contains("OSC port 8123"), out());
    }

    @Test
    void aDamagedIndexCostsNothingAndRebuildReportsTheSessions() throws IOException {
        try (DaemonStage stage = new DaemonStage(dir, DaemonStage.QUIET_MAP)) {
            DaemonTest.assertOk(stage.client.request("/encore/param/mix/gain", 0.3f));
            DaemonTest.assertOk(stage.client.request("/encore/save", "Kept"));
            stage.daemon().close();
            try (var images = Files.list(stage.data.resolve("index"))) {
                for (Path image : images.toList()) {
                    Files.write(image, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
                }
            }
            stage.start();
            stage.client.send("/encore/list");
            stage.client.await(m -> m.address().equals("/encore/list/item") && m.arg(1).equals("Kept"));
            stage.daemon().close();

            assertEquals(0, run("--rebuild", "--data", stage.data.toString()));
            assertTrue(out().contains("1 session(s)"), out());
        }
    }

    @Test
    void aSecondEncoreOnTheSameDataFolderRefusesAndNamesTheFirst() throws IOException {
        try (DaemonStage stage = new DaemonStage(dir, DaemonStage.QUIET_MAP)) {
            DaemonTest.assertOk(stage.client.request("/encore/save", "Held"));
            assertEquals(1, run("--rebuild", "--data", stage.data.toString()));
            assertTrue(err().contains("in use by another Encore") && err().contains("pid " + ProcessHandle.current().pid()), err());
            DaemonTest.assertOk(stage.client.request("/encore/param/mix/gain", 0.7f));
            DaemonTest.assertOk(stage.client.request("/encore/save"));
        }
    }
}
