package dev.encore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encore under a session manager: a test-side NSM server written from the New Session Manager API
 * 1.1 document starts the real {@code bin/encore} with {@code NSM_URL} set, as nsmd does, and
 * drives announce, open, dirty/clean, save and quit (SIGTERM) over real UDP on 127.0.0.1.
 */
class NsmIT {
    private static final Duration STEP = Duration.ofSeconds(60);
    /** The API document: on SIGTERM a client "MUST close cleanly IMMEDIATELY". */
    private static final long QUIT_MS = 2_000;
    private static final Pattern RUNNING = Pattern.compile("Encore is running\\. OSC on \\S+ port (\\d+)");

    @TempDir
    Path dir;
    private Path session;
    private NsmServer nsm;
    private DatagramSocket controller;
    private final List<Process> started = new ArrayList<>();

    /** One Encore the server started, and the address it announced from. */
    private record Client(Process process, Path output, SocketAddress from) {
        int oscPort() throws Exception {
            Matcher m = RUNNING.matcher(Files.readString(output));
            int port = -1;
            while (m.find()) {
                port = Integer.parseInt(m.group(1));
            }
            assertTrue(port > 0, "no OSC port printed:\n" + Files.readString(output));
            return port;
        }
    }

    @BeforeEach
    void sessionManager() throws Exception {
        session = Files.createDirectories(dir.resolve("nsm/My Show"));
        nsm = new NsmServer();
        controller = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void stopEverything() {
        started.forEach(Process::destroyForcibly);
        nsm.close();
        controller.close();
    }

    private Process launch(String name, String url, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--osc-port", "0", "--reply-port", String.valueOf(controller.getLocalPort()),
                "--data", dir.resolve("not-used").toString()));
        args.addAll(List.of(more));
        Process p = Launcher.launch(Launcher.script(), dir, dir.resolve(name + ".txt"), Map.of("NSM_URL", url), args);
        started.add(p);
        return p;
    }

    /** Starts Encore as nsmd does, with {@code more} on its command line, and checks its announce, field by field and type by type. */
    private Client start(String name, String... more) throws Exception {
        Process p = launch(name, nsm.url(), more);
        NsmServer.Received announce = nsm.await(STEP, "the announce of " + name,
                r -> r.address().equals("/nsm/server/announce") && Long.valueOf(p.pid()).equals(((Number) r.arg(5)).longValue()));
        assertEquals(List.of("Encore", ":dirty:progress:message:", "encore", 1, 1, (int) p.pid()), announce.args(),
                "announce s:application_name s:capabilities s:executable_name i:api_major i:api_minor i:pid");
        nsm.send(announce.from(), "/reply", "/nsm/server/announce", "Welcome", "Test Session Manager", ":server-control:optional-gui:");
        return new Client(p, dir.resolve(name + ".txt"), announce.from());
    }

    /** Waits for {@code address} from {@code c}; a failure shows what that Encore printed. */
    private NsmServer.Received expect(Client c, String address) throws Exception {
        try {
            return nsm.awaitMessage(STEP, c.from(), address);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nEncore printed:\n" + Files.readString(c.output()), e);
        }
    }

    private NsmServer.Received open(Client c, Path project, String displayName, String clientId) throws Exception {
        nsm.send(c.from(), "/nsm/client/open", project.toString(), displayName, clientId);
        return nsm.awaitAnswer(STEP, c.from(), "/nsm/client/open");
    }

    private NsmServer.Received save(Client c) throws Exception {
        nsm.send(c.from(), "/nsm/client/save");
        return nsm.awaitAnswer(STEP, c.from(), "/nsm/client/save");
    }

    private void setParameter(Client c, float value) throws Exception {
        byte[] message = osc("/encore/param/volume", value);
        controller.send(new DatagramPacket(message, message.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), c.oscPort())));
    }

    /** {@code address ,f value}, the OSC 1.0 encoding a controller sends. */
    private static byte[] osc(String address, float value) {
        byte[] name = address.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int padded = (name.length / 4 + 1) * 4;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(padded + 4 + 4);
        b.put(name).position(padded);
        b.put((byte) ',').put((byte) 'f').put((byte) 0).put((byte) 0);
        b.putFloat(value);
        return b.array();
    }

    private String list(Path data) throws Exception {
        EncoreJar.Finished list = Launcher.run(Launcher.script(), dir, dir.resolve("list-" + data.getFileName() + ".txt"), Map.of(), STEP,
                "list", "--json", "--data", data.toString());
        assertEquals(0, list.exitCode(), list.toString());
        return list.output();
    }

    /** SIGTERM, as nsmd quits a client; returns the milliseconds until the process was gone. */
    private long quit(Client c) throws Exception {
        long t0 = System.nanoTime();
        c.process().destroy();
        boolean gone = c.process().waitFor(STEP.toMillis(), TimeUnit.MILLISECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.println("SIGTERM to exit of " + c.output().getFileName() + ": " + ms + " ms");
        assertTrue(gone, "no exit after SIGTERM:\n" + Files.readString(c.output()));
        return ms;
    }

    @Test
    void announceOpenDirtySaveCleanAndAPromptCleanExitOnSigterm() throws Exception {
        Client encore = start("encore");

        NsmServer.Received early = save(encore);
        assertEquals(List.of("/nsm/client/save", -8), early.args().subList(0, 2), "save before open is ERR_NOT_NOW: " + early);

        Path nowhere = dir.resolve("no such session/Encore.nGONE");
        NsmServer.Received refused = open(encore, nowhere, "Gone", "Encore.nGONE");
        assertEquals("/error", refused.address(), refused.toString());
        assertEquals(-5, refused.arg(1), "a missing session folder is ERR_NO_SUCH_FILE: " + refused);
        assertFalse(Files.exists(nowhere.getParent()), "nothing is created outside the session folder");

        Path file = Files.writeString(session.resolve("Encore.nFILE"), "not a folder");
        NsmServer.Received notAFolder = open(encore, file, "File", "Encore.nFILE");
        assertEquals(List.of("/error", "/nsm/client/open", -9), notAFolder.args().size() > 1
                ? List.of(notAFolder.address(), notAFolder.arg(0), notAFolder.arg(1)) : List.of(), "a file at the path is ERR_BAD_PROJECT: " + notAFolder);
        assertEquals("not a folder", Files.readString(file), "the file is left as it was");

        Path project = session.resolve("Encore.nTEST");
        int before = nsm.log().size();
        NsmServer.Received opened = open(encore, project, "Song A", "Encore.nTEST");
        assertEquals("/reply", opened.address(), opened.toString());
        assertTrue(Files.isDirectory(project.resolve("journal")) && Files.isRegularFile(project.resolve("encore.lock")),
                "the store is in the path NSM gave");
        List<NsmServer.Received> during = nsm.log().subList(before, nsm.log().indexOf(opened));
        List<Float> progress = during.stream().filter(r -> r.address().equals("/nsm/client/progress"))
                .map(r -> (Float) r.arg(0)).toList();
        assertFalse(progress.isEmpty(), "progress during open: " + during);
        assertTrue(progress.stream().allMatch(f -> f >= 0 && f <= 1), progress.toString());
        assertEquals(1f, progress.get(progress.size() - 1), "open's last progress is 1.0 before the reply: " + progress);
        NsmServer.Received told = expect(encore, "/nsm/client/message");
        assertEquals(1, told.arg(0), "i:priority 0..3");
        assertTrue(((String) told.arg(1)).contains(project.toString()), "the message names the data folder: " + told);

        expect(encore, "/nsm/client/is_clean");
        setParameter(encore, 0.5f);
        expect(encore, "/nsm/client/is_dirty");
        nsm.send(encore.from(), "/nsm/client/session_is_loaded");
        NsmServer.Received saved = save(encore);
        assertTrue(nsm.log().stream().noneMatch(r -> r.args().contains("/nsm/client/session_is_loaded")),
                "session_is_loaded takes no answer: " + nsm.log());
        assertEquals(List.of("/reply", "/nsm/client/save"), List.of(saved.address(), saved.arg(0)), saved.toString());
        assertTrue(((String) saved.arg(1)).contains("Song A"), "a new session named after the display name: " + saved);
        expect(encore, "/nsm/client/is_clean");

        long ms = quit(encore);
        String output = Files.readString(encore.output());
        assertTrue(output.contains("Encore stopped; sessions and unsaved changes are kept in " + project), output);
        assertTrue(ms < QUIT_MS, "SIGTERM to exit took " + ms + " ms");
        String sessions = list(project);
        assertTrue(sessions.contains("\"name\" : \"Song A\"") && sessions.contains("\"hasDraft\" : false"), sessions);
    }

    @Test
    void twoClientIdsKeepSeparateDataAndASecondOpenSwitchesProject() throws Exception {
        Client a = start("a");
        Client b = start("b");
        Path folderA = session.resolve("Encore.nAAAA");
        Path folderB = session.resolve("Encore.nBBBB");
        assertEquals("/reply", open(a, folderA, "Song A", "Encore.nAAAA").address());
        assertEquals("/reply", open(b, folderB, "Song B", "Encore.nBBBB").address());

        setParameter(a, 0.25f);
        expect(a, "/nsm/client/is_dirty");
        assertTrue(((String) save(a).arg(1)).contains("Song A"));
        assertTrue(((String) save(b).arg(1)).contains("Song B"));
        assertTrue(nsm.log().stream().noneMatch(r -> r.from().equals(b.from()) && r.address().equals("/nsm/client/is_dirty")),
                "B never had unsaved changes: " + nsm.log());

        Path folderC = session.resolve("Encore.nCCCC");
        NsmServer.Received switched = open(a, folderC, "Song C", "Encore.nCCCC");
        assertEquals("/reply", switched.address(), switched.toString());
        assertTrue(Files.isDirectory(folderC.resolve("journal")));
        String listA = list(folderA);
        assertTrue(listA.contains("Song A") && !listA.contains("Song B"), "A's first folder was closed and kept its data: " + listA);
        expect(a, "/nsm/client/is_clean");
        setParameter(a, 0.75f);
        expect(a, "/nsm/client/is_dirty");

        quit(a);
        quit(b);
        String listB = list(folderB);
        assertTrue(listB.contains("Song B") && !listB.contains("Song A"), listB);
        String listC = list(folderC);
        assertFalse(listC.contains("Song A") || listC.contains("Song B"), "the new project starts empty: " + listC);
    }

    @Test
    void aMirrorKeyOnTheCommandLineThatCannotBeReadStopsEncoreBeforeItAnnounces() throws Exception {
        Path missing = dir.resolve("keys/show.p12");
        Process p = launch("badkey", nsm.url(), "--role", "primary", "--mirror-bind", "127.0.0.1:" + freePort(),
                "--mirror-peer", "127.0.0.1:" + freePort(), "--mirror-key", missing.toString());
        long deadline = System.nanoTime() + STEP.toNanos();
        while (p.isAlive() && System.nanoTime() < deadline) {
            NsmServer.Received announce;
            try {
                announce = nsm.awaitMessage(Duration.ofMillis(200), null, "/nsm/server/announce");
            } catch (AssertionError nothingYet) {
                continue;
            }
            throw new AssertionError("Encore announced with a key it cannot read: " + announce + "\n"
                    + Files.readString(dir.resolve("badkey.txt")));
        }
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "Encore went on with a key it cannot read");
        String text = Files.readString(dir.resolve("badkey.txt"));
        assertEquals(1, p.exitValue(), text);
        assertTrue(text.contains("The mirror key " + missing + " does not exist") && text.contains("encore mirror-key"), text);
        assertFalse(Files.exists(dir.resolve("not-used")), "a folder was made");
    }

    @Test
    void theMirrorFlagsHoldUnderTheSessionManagerAndAProjectMapWithABadKeyIsAnsweredWithAnError() throws Exception {
        Path key = dir.resolve("keys/show.p12");
        EncoreJar.Finished made = Launcher.run(Launcher.script(), dir, dir.resolve("mirror-key.txt"), Map.of(), STEP,
                "mirror-key", key.toString());
        assertEquals(0, made.exitCode(), made.toString());
        Matcher fp = Pattern.compile("Made mirror key ([0-9A-F-]{19})").matcher(made.output());
        assertTrue(fp.find(), made.output());
        int port = freePort();
        Client encore = start("mirrored", "--role", "primary", "--mirror-bind", "127.0.0.1:" + port, "--mirror-peer",
                "127.0.0.1:" + freePort());

        Path keyed = Files.createDirectories(session.resolve("Encore.nKEYD"));
        Files.writeString(keyed.resolve("osc-map.yaml"), mapWithKey(key.toString()));
        NsmServer.Received opened = open(encore, keyed, "Keyed", "Encore.nKEYD");
        assertEquals("/reply", opened.address(), opened.toString() + "\n" + Files.readString(encore.output()));
        String log = logsOf(keyed);
        assertTrue(log.contains("Mirror ") && log.contains("on 127.0.0.1:" + port + " as primary"), "the command line's role: " + log);
        assertTrue(log.contains("locked with key " + fp.group(1)), "the project map's key: " + log);

        // A second project in the same process: its mirror starts on the same port once the first one's has let go.
        Path next = session.resolve("Encore.nNEXT");
        NsmServer.Received switched = open(encore, next, "Next", "Encore.nNEXT");
        assertEquals("/reply", switched.address(), switched.toString() + "\n" + Files.readString(encore.output()));
        String nextLog = logsOf(next);
        assertTrue(nextLog.contains("on 127.0.0.1:" + port + " as primary"), "the mirror of the second project: " + nextLog);

        Path broken = Files.createDirectories(session.resolve("Encore.nBRKN"));
        Files.write(broken.resolve("broken.p12"), new byte[] {1, 2, 3, 4});
        Files.writeString(broken.resolve("osc-map.yaml"), mapWithKey("broken.p12"));
        NsmServer.Received refused = open(encore, broken, "Broken", "Encore.nBRKN");
        assertEquals("/error", refused.address(), refused.toString());
        assertTrue(((String) refused.arg(2)).contains("The mirror key " + broken.resolve("broken.p12") + " is not a mirror key"),
                refused.toString());
        try (var files = Files.list(broken)) {
            assertEquals(List.of("broken.p12", "osc-map.yaml"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "nothing is written into the project's folder");
        }
        quit(encore);
    }

    /** The default map with its mirror key set to {@code key}. */
    private static String mapWithKey(String key) throws Exception {
        String map = Files.readString(Path.of("osc-map.yaml"));
        assertTrue(map.contains("  # key: mirror.p12\n"), "the default map names where the key goes");
        return map.replace("  # key: mirror.p12\n", "  key: " + key + "\n");
    }

    /** Everything the project's logs/ folder holds. */
    private static String logsOf(Path project) throws Exception {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(project.resolve("logs"))) {
            for (Path f : files.sorted().toList()) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aRefusedAnnounceIsSaidAndEncoreRunsOnItsOwnDataFolder() throws Exception {
        Process p = launch("refused", nsm.url());
        NsmServer.Received announce = nsm.awaitMessage(STEP, null, "/nsm/server/announce");
        nsm.send(announce.from(), "/error", "/nsm/server/announce", -2, "Incompatible API version");
        Path output = dir.resolve("refused.txt");
        long deadline = System.nanoTime() + STEP.toNanos();
        while (System.nanoTime() < deadline && p.isAlive() && !Files.readString(output).contains("Stop with Ctrl-C")) {
            Thread.sleep(50);
        }
        String text = Files.readString(output);
        assertTrue(text.contains("the session manager refused Encore: [-2, Incompatible API version]; running without session management"), text);
        assertTrue(text.contains("Data in " + dir.resolve("not-used")), text);
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }

    @Test
    void withoutAnAnswerToTheAnnounceEncoreRunsOnItsOwnDataFolder() throws Exception {
        Process p = launch("alone", nsm.url());
        nsm.awaitMessage(STEP, null, "/nsm/server/announce");
        Path output = dir.resolve("alone.txt");
        long deadline = System.nanoTime() + STEP.toNanos();
        while (System.nanoTime() < deadline && p.isAlive() && !Files.readString(output).contains("Stop with Ctrl-C")) {
            Thread.sleep(50);
        }
        String text = Files.readString(output);
        assertTrue(text.contains("no answer from the session manager at " + nsm.url()), text);
        assertTrue(text.contains("running without session management"), text);
        assertTrue(text.contains("Data in " + dir.resolve("not-used")), text);
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }
}
