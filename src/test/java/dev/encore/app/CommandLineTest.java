package dev.encore.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.app.cli.Terminal;
import dev.encore.store.AssetId;
import dev.encore.store.SessionStore;
import dev.encore.testing.ShowFolders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The picocli command line: the old daemon flags, generated help, and the subcommands that read a data folder. */
class CommandLineTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private DaemonOptions parsed(String... args) {
        CommandLine cli = CommandLineRunner.build(new Terminal(System.out, System.err));
        cli.parseArgs(args);
        return ((EncoreCommand) cli.getCommand()).options();
    }

    @Test
    void everyOldDaemonFlagStillReachesTheDaemon() {
        DaemonOptions options = parsed("--data", "show", "--map=my-map.yaml", "--osc-port", "0", "--reply-port", "9100",
                "--media", "a", "--media", "b");
        assertEquals(new DaemonOptions(DaemonOptions.Mode.RUN, Path.of("show"), Path.of("my-map.yaml"), 0, 9100,
                List.of(Path.of("a"), Path.of("b"))), options);
        assertEquals(DaemonOptions.Mode.CHECK_MAP, parsed("--check-map").mode());
        assertEquals(DaemonOptions.Mode.REBUILD, parsed("--rebuild", "--data", "show").mode());
        assertEquals(new DaemonOptions(DaemonOptions.Mode.RUN, Path.of("encore-data"), null, null, null, List.of()), parsed());
    }

    @Test
    void aReplyPortOfZeroIsRefusedWithItsRange() {
        assertEquals(2, run("--reply-port", "0"));
        assertTrue(err().contains("--reply-port") && err().contains("must be a port number from 1 to 65535, not '0'"), err());
    }

    @Test
    void everySubcommandHasGeneratedHelpThatExitsZero() {
        for (String command : List.of("list", "history", "check", "export", "import", "gc", "send", "check-map", "rebuild", "midi-devices")) {
            assertEquals(0, run(command, "--help"), command);
            assertTrue(out().contains("Usage: encore " + command), command + " help: " + out());
        }
        assertEquals(0, run("--help"));
        for (String command : List.of("list", "history", "check", "export", "import", "gc", "send", "check-map", "rebuild", "midi-devices")) {
            assertTrue(out().contains(command), command + " is listed in the top-level help");
        }
    }

    @Test
    void theServiceCommandsHaveGeneratedHelpWithoutTheirTestOnlyOptions() {
        for (String command : List.of("install", "uninstall", "status")) {
            assertEquals(0, run("service", command, "--help"), command);
            assertTrue(out().contains("Usage: encore service " + command) && out().contains("--user"), command + " help: " + out());
            assertFalse(out().contains("--unit-dir") || out().contains("--platform"), "hidden options stay hidden: " + out());
        }
        assertEquals(0, run("--help"));
        assertTrue(out().contains("service"), "service is listed in the top-level help");
        assertEquals(2, run("service", "instal"));
        assertTrue(err().contains("Did you mean 'install'?"), err());
    }

    @Test
    void aMistypedCommandIsAnsweredWithTheNearestOneAndExitsTwo() {
        assertEquals(2, run("lsit"));
        assertTrue(err().contains("'lsit'") && err().contains("list"), err());
    }

    @Test
    void listPrintsTheSetlistAsATableAndAsJson() throws IOException {
        Path data = dir.resolve("data");
        ShowFolders.save(data, "Opening", 0.5, ShowFolders.noise(1, 3000));
        ShowFolders.save(data, "Encore Song", 0.25);
        assertEquals(0, run("list", "--data", data.toString()));
        List<String> lines = out().lines().toList();
        assertEquals(3, lines.size(), out());
        assertTrue(lines.get(1).matches("\\s*1\\s+Opening\\s+.*2\\.9 KiB.*"), lines.get(1));
        assertTrue(lines.get(2).matches("\\s*2\\s+Encore Song\\s+.*0 B.*"), lines.get(2));

        assertEquals(0, run("list", "--json", "--data", data.toString()));
        JsonNode rows = new ObjectMapper().readTree(out());
        assertEquals(2, rows.size());
        assertEquals("Opening", rows.get(0).path("name").asText());
        assertEquals(3000, rows.get(0).path("audioBytes").asLong());
        assertEquals(2, rows.get(1).path("position").asInt());
        assertFalse(rows.get(1).path("hasDraft").asBoolean());
    }

    @Test
    void historyListsEveryRetainedRevisionNewestFirstAndMarksTheCurrentOne() {
        Path data = dir.resolve("data");
        ShowFolders.save(data, "Ballad", 0.1);
        ShowFolders.save(data, "Ballad", 0.2);
        ShowFolders.save(data, "Ballad", 0.3, ShowFolders.noise(2, 100));
        assertEquals(0, run("history", "ballad", "--data", data.toString()));
        List<String> lines = out().lines().toList();
        assertEquals("Ballad: 3 retained revision(s)", lines.get(0));
        assertTrue(lines.get(1).matches("\\*\\s+3\\s+.*save.*1 audio asset\\(s\\)"), lines.get(1));
        assertTrue(lines.get(3).matches("\\s+1\\s+.*0 audio asset\\(s\\)"), lines.get(3));
    }

    @Test
    void historyOfAnUnknownNameSaysHowToFindTheNames() {
        Path data = dir.resolve("data");
        ShowFolders.save(data, "Ballad", 0.1);
        assertEquals(1, run("history", "Balad", "--data", data.toString()));
        assertTrue(err().contains("no session named 'Balad'") && err().contains("'list'"), err());
    }

    @Test
    void checkNamesADamagedAssetAndTheSessionThatUsesItAndExitsOne() throws IOException {
        Path data = dir.resolve("data");
        ShowFolders.save(data, "Opening", 0.5, ShowFolders.noise(1, 3000));
        assertEquals(0, run("check", "--data", data.toString()));
        assertTrue(out().contains("All 1 audio asset(s)"), out());

        AssetId id;
        try (SessionStore store = SessionStore.open(data)) {
            id = store.findByName("Opening").orElseThrow().assets().iterator().next();
        }
        Path blob = data.resolve("blobs").resolve(id.hex().substring(0, 2)).resolve(id.hex());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[1234] ^= 1;
        Files.write(blob, bytes);
        assertEquals(1, run("check", "--data", data.toString()));
        assertTrue(err().contains(id.hex()) && err().contains("Opening"), err());
    }

    @Test
    void aCommandOnAFolderThatDoesNotExistSaysSoAndCreatesNothing() {
        Path missing = dir.resolve("no-such-show");
        for (String command : List.of("list", "check")) {
            assertEquals(1, run(command, "--data", missing.toString()), command);
            assertTrue(err().contains("no data folder at " + missing), err());
        }
        assertFalse(Files.exists(missing));
    }

    @Test
    void whileAnotherEncoreHoldsTheFolderReadingCommandsWorkAndChangingOnesRefuseNamingItAndHowToStopIt() throws IOException {
        Path data = dir.resolve("data");
        long pid = ProcessHandle.current().pid();
        try (SessionStore held = SessionStore.open(data)) {
            ShowFolders.save(held, "Opening", 0.5, ShowFolders.noise(1, 3000));
            ShowFolders.save(held, "Opening", 0.6, ShowFolders.noise(1, 3000));
            assertEquals(0, run("list", "--data", data.toString()), err());
            assertTrue(out().contains("Opening"), out());
            assertEquals(0, run("history", "Opening", "--data", data.toString()), err());
            assertTrue(out().contains("2 retained revision(s)"), out());
            assertEquals(0, run("check", "--data", data.toString()), err());
            assertTrue(out().contains("All 1 audio asset(s)"), out());
            assertEquals(0, run("gc", "--dry-run", "--data", data.toString()), err());
            assertTrue(out().contains("nothing was deleted"), out());
            for (String command : List.of("gc", "rebuild")) {
                assertEquals(1, run(command, "--data", data.toString()), command + ": " + out());
                assertTrue(err().contains("encore " + command + " did not run") && err().contains("pid " + pid)
                        && err().contains("running since") && err().contains("kill " + pid) && err().contains("Ctrl-C"), err());
            }
            held.update(held.findByName("Opening").orElseThrow().id(), new ObjectMapper().createObjectNode(), java.util.Set.of());
            assertEquals(0, run("history", "Opening", "--data", data.toString()), err());
            assertTrue(out().contains("3 retained revision(s)"), "a later read sees the holder's newest save: " + out());
        }
    }

    @Test
    void midiDevicesPrintsInputsAndOutputsAndExitsZero() {
        assertEquals(0, run("midi-devices"));
        assertTrue(out().contains("Inputs") && out().contains("Outputs"), out());
    }

    @Test
    void sendFindsTheDaemonThroughTheFolderLockPrintsTheReplyAndExitsByIt() throws IOException {
        try (DaemonStage stage = new DaemonStage(dir, DaemonStage.QUIET_MAP)) {
            assertEquals(0, run("send", "--data", stage.data.toString(), "/encore/save", "Sent by hand"));
            assertTrue(out().startsWith("/encore/reply /encore/save"), out());
            assertEquals(0, run("send", "--data", stage.data.toString(), "/encore/list"));
            assertTrue(out().contains("/encore/reply /encore/list"), out());
            assertEquals(1, run("send", "--data", stage.data.toString(), "/encore/open", "s:No such song"));
            assertTrue(err().startsWith("/encore/error /encore/open -3"), err());
            DaemonTest.assertOk(stage.client.request("/encore/open", "Sent by hand"));
        }
    }

    @Test
    void sendWithNoDaemonListeningSaysWhereItLookedAndExitsOne() throws IOException {
        int free;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            free = probe.getLocalPort();
        }
        assertEquals(1, run("send", "--port", String.valueOf(free), "/encore/list"));
        assertTrue(err().contains("No Encore answers on 127.0.0.1 port " + free), err());
    }

    @Test
    void gcDryRunNamesWhatWouldBeFreedAndGcThenDeletesExactlyThat() {
        Path data = dir.resolve("data");
        AssetId kept;
        AssetId dropped;
        try (SessionStore store = SessionStore.open(data)) {
            ShowFolders.save(store, "Opening", 0.5, ShowFolders.noise(1, 3000));
            kept = store.findByName("Opening").orElseThrow().assets().iterator().next();
            dropped = store.blobs().put(ShowFolders.noise(2, 5000));
            store.bookkeeping().putDraft(null, new ObjectMapper().createObjectNode(), java.util.Set.of(dropped));
            store.bookkeeping().dropDraft(null);
        }
        assertEquals(0, run("gc", "--dry-run", "--data", data.toString()));
        assertTrue(out().contains("would delete " + dropped) && !out().contains(kept.hex()), out());
        assertTrue(out().contains("1 audio file(s), 4.9 KiB, would be freed"), out());
        assertEquals(0, run("gc", "--data", data.toString()));
        assertTrue(out().contains("Deleted 1 audio file(s)") && out().contains("4.9 KiB freed"), out());
        try (SessionStore store = SessionStore.open(data)) {
            assertFalse(store.blobs().exists(dropped));
            assertTrue(store.blobs().exists(kept));
        }
    }
}
