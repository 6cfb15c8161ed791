package dev.encore.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.session.Action;
import dev.encore.store.AssetId;
import dev.encore.store.CheckReport;
import dev.encore.store.SessionStore;
import dev.encore.store.SessionSummary;
import dev.encore.testing.FaultyDisk;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup's disk that fills up, and audio that arrives damaged: the backup keeps nothing half, and the pair heals. */
class MirrorFaultTest {
    @TempDir
    Path root;

    private Laptop left;
    private Laptop right;

    @AfterEach
    void stop() {
        detach.run();
        if (right != null) {
            right.close();
        }
        if (left != null) {
            left.close();
        }
    }

    private FaultyDisk pairWithAFaultyBackupDisk() throws Exception {
        left = Laptop.create("left", root);
        right = Laptop.create("right", root);
        FaultyDisk disk = new FaultyDisk();
        right.disk = disk;
        Laptop.startPair(left, right, false);
        left.savesOpenerMirroredTo(right, 0.5);
        return disk;
    }

    @Test
    void aBackupWhoseDiskFillsAtAnyPointKeepsNothingHalfSaysBehindAndCatchesUpOnceThereIsSpace() throws Exception {
        FaultyDisk disk = pairWithAFaultyBackupDisk();
        Set<AssetId> heldBefore = right.store().blobs().list();
        // The import and save write the track's original, its decoded audio and their records: the disk
        // fills before the first byte, inside the original, further on, and a few bytes before the end.
        // The last trial fills it just after the audio: the audio is kept, the record that names it is not.
        long[] failAfter = {0, 3_000, 60_000, -1, -2};
        long audioBytes = 0;
        List<String> logged = capture(Shipper.class);
        List<String> backupLogged = capture(Intake.class);
        for (int trial = 0; trial < failAfter.length; trial++) {
            if (failAfter[trial] < 0) {
                // each trial imports a track as long as the last
                failAfter[trial] = failAfter[trial] == -1 ? audioBytes - 100 : audioBytes + 10;
            }
            long before = right.store().mirrored().lastSeq();
            int pushed = left.states.size();
            int backupPushed = right.states.size();
            disk.failAfter(failAfter[trial], FaultyDisk::diskFull);
            left.ok(new Action.ImportTrack(left.wav("song-" + trial + ".wav", 1.0, 220 + 110 * trial), null, null));
            left.ok(new Action.SaveCopy("Song " + trial));
            int from = pushed;
            Laptop.until("the primary says behind (trial " + trial + ")",
                    () -> left.states.subList(from, left.states.size()).contains(MirrorEvents.BEHIND));
            assertTrue(right.store().mirrored().lastSeq() < left.store().mirrored().lastSeq(), "trial " + trial + ": the backup held all");
            assertTrue(right.states.subList(backupPushed, right.states.size()).contains(MirrorEvents.BEHIND),
                    "trial " + trial + ": the backup's own LEDs did not say behind: " + right.states);
            assertTrue(right.store().mirrored().lastSeq() >= before, "trial " + trial + ": the backup lost records");
            assertFalse(names(right.store()).contains("Song " + trial), "trial " + trial + ": a session whose audio did not fit was kept");
            CheckReport half = right.store().upkeep().check(f -> { });
            assertTrue(half.ok(), "trial " + trial + ": " + half.problems());
            if (trial == 0) {
                int warned = logged.size();
                int backupWarned = backupLogged.size();
                int backupStates = right.states.size();
                Thread.sleep(2_000); // the primary tries again every half second meanwhile
                assertEquals(warned, logged.size(), "a backup that stays full is not logged at every try: " + logged);
                assertEquals(backupWarned, backupLogged.size(), "a full disk is not logged at every try: " + backupLogged);
                assertEquals(backupStates, right.states.size(), "a full disk is not pushed to the LEDs at every try: "
                        + right.states.subList(backupPushed, right.states.size()));
                assertTrue(logged.stream().anyMatch(l -> l.contains("Backup right did not take record") && l.contains("full")), logged.toString());
                assertTrue(backupLogged.stream().anyMatch(l -> l.startsWith("WARNING This laptop cannot keep what the primary left sends: The disk"
                        + " is full") && l.contains("Free disk space on the drive of this laptop's data folder")), backupLogged.toString());
            }

            disk.heal();
            left.mirroredTo(right);
            Laptop.until("the primary says mirrored again (trial " + trial + ")", () -> MirrorEvents.MIRRORED.equals(left.lastState()));
            Laptop.until("the backup says mirrored again (trial " + trial + ")", () -> MirrorEvents.MIRRORED.equals(right.lastState()));
            assertEquals(names(left.store()), names(right.store()));
            Set<AssetId> added = new java.util.HashSet<>(right.store().blobs().list());
            added.removeAll(heldBefore);
            audioBytes = added.stream().mapToLong(id -> right.store().blobs().length(id)).sum();
            heldBefore = right.store().blobs().list();
        }
        Set<AssetId> audio = left.store().list().stream().flatMap(s -> left.store().find(s.id()).orElseThrow().assets().stream())
                .collect(Collectors.toSet());
        assertTrue(audio.size() >= 2 * failAfter.length, "each trial's track is in its session: " + audio.size());
        audio.forEach(id -> right.store().blobs().verify(id));
        CheckReport whole = right.store().upkeep().check(f -> { });
        assertTrue(whole.ok(), whole.problems().toString());
        assertEquals(audio.size(), whole.checked());
    }

    @Test
    void audioThatArrivesDamagedIsNotKeptAndTheNextSaveStillMirrorsWhole() throws Exception {
        pairWithAFaultyBackupDisk();
        JGroupsLink.Peer backup = left.mirror.link().peers().get(0);
        byte[] real = new byte[64 << 10];
        for (int i = 0; i < real.length; i++) {
            real[i] = (byte) (i * 31);
        }
        AssetId id = left.store().blobs().put(real);
        byte[] damaged = real.clone();
        damaged[12_345] ^= 0x10;
        byte[] answer = left.mirror.link().ask(backup, Wire.piece(id, 0, damaged.length, ByteBuffer.wrap(damaged), damaged.length));
        java.io.DataInputStream in = Wire.reader(answer);
        assertEquals(Wire.FAILED, in.readByte());
        String why = in.readUTF();
        assertTrue(why.contains("arrived damaged"), why);
        assertFalse(right.store().blobs().exists(id), "the damaged audio was kept under the real audio's name");

        left.ok(new Action.ImportTrack(left.wav("song.wav", 1.0, 330), null, null));
        left.ok(new Action.SaveCopy("Ballad"));
        left.mirroredTo(right);
        assertEquals(names(left.store()), names(right.store()));
        CheckReport check = right.store().upkeep().check(f -> { });
        assertTrue(check.ok(), check.problems().toString());
    }

    @Test
    void audioThatStopsArrivingHalfwayIsDroppedSoItsTempFilesNeverPileUp() throws Exception {
        pairWithAFaultyBackupDisk();
        JGroupsLink.Peer backup = left.mirror.link().peers().get(0);
        Path tmp = right.data.resolve("blobs").resolve("tmp");
        assertEquals(0, partFiles(tmp), "nothing is arriving yet");

        // One sender: a second blob started means it gave up on the first one.
        sendFirstHalf(left.mirror.link(), backup, 1);
        sendFirstHalf(left.mirror.link(), backup, 2);
        Laptop.until("the backup drops the first half-sent blob", () -> right.mirror.intakeArriving() == 1);
        assertEquals(1, partFiles(tmp));

        // More senders than the limit, each stopping halfway (handed to the intake as the network
        // thread hands it requests): at most MAX_INCOMING temp files stay open.
        for (int i = 0; i < Intake.MAX_INCOMING + 2; i++) {
            byte[] bytes = new byte[64 << 10];
            java.util.Arrays.fill(bytes, (byte) (10 + i));
            byte[] request = Wire.piece(AssetId.of(String.format("%032x", 10 + i)), 0, bytes.length, ByteBuffer.wrap(bytes), bytes.length / 2);
            java.util.concurrent.CompletableFuture<byte[]> answer = new java.util.concurrent.CompletableFuture<>();
            right.mirror.intake().answer(new JGroupsLink.Peer("sender-" + i, "sender-" + i), ByteBuffer.wrap(request), answer::complete);
            assertEquals(Wire.OK, Wire.reader(answer.get(10, java.util.concurrent.TimeUnit.SECONDS)).readByte());
        }
        assertEquals(Intake.MAX_INCOMING, right.mirror.intakeArriving());
        assertEquals(Intake.MAX_INCOMING, partFiles(tmp));

        left.ok(new Action.ImportTrack(left.wav("song.wav", 1.0, 330), null, null));
        left.ok(new Action.SaveCopy("Ballad"));
        left.mirroredTo(right);
        CheckReport check = right.store().upkeep().check(f -> { });
        assertTrue(check.ok(), check.problems().toString());
        assertTrue(right.mirror.intakeArriving() <= Intake.MAX_INCOMING);
    }

    @Test
    void audioThePrimaryCannotReadIsLoggedAsItsOwnLossNotAsABackupThatDidNotAnswer() throws Exception {
        left = Laptop.create("left", root);
        right = Laptop.create("right", root);
        left.start(MirrorConfig.Role.PRIMARY, right, false);
        left.engine.live().param("/gain").set(0.5);
        left.ok(new Action.Save("Opener"));
        long beforeTrack = left.store().mirrored().lastSeq();
        left.ok(new Action.ImportTrack(left.wav("song.wav", 1.0, 440), null, null));
        left.ok(new Action.SaveCopy("Song"));
        Set<AssetId> lost = left.store().find(left.store().list().stream().filter(s -> s.name().equals("Song")).findFirst()
                .orElseThrow().id()).orElseThrow().assets();
        assertFalse(lost.isEmpty());
        List<Path> files;
        try (var walk = java.nio.file.Files.walk(left.data.resolve("blobs"))) {
            files = walk.filter(f -> lost.stream().anyMatch(id -> f.getFileName().toString().equals(id.hex()))).toList();
        }
        assertEquals(lost.size(), files.size(), "each blob of the track is a file of its own");
        for (Path f : files) {
            java.nio.file.Files.delete(f); // a stagehand's clean-up: the audio is gone from the primary's folder
        }
        List<String> logged = capture(Shipper.class);

        right.start(MirrorConfig.Role.BACKUP, left, false);
        Laptop.until("the backup holds what comes before the track", () -> right.store().mirrored().lastSeq() >= beforeTrack);
        Laptop.until("the primary says why it cannot send the rest", () -> logged.stream().anyMatch(l -> l.contains("cannot go to backup right")));
        int lines = logged.size();
        Thread.sleep(1_500); // the shipper tries again meanwhile
        assertEquals(lines, logged.size(), "the same cause is said once, not at every try: " + logged);
        String line = logged.stream().filter(l -> l.contains("cannot go to backup right")).findFirst().orElseThrow();
        assertTrue(line.contains("cannot be read on this laptop") && line.contains("/encore/check"), line);
        assertFalse(logged.stream().anyMatch(l -> l.contains("did not answer")), "the backup is not blamed: " + logged);
        assertTrue(right.store().mirrored().lastSeq() < left.store().mirrored().lastSeq(), "the record naming lost audio was not sent");
        assertTrue(names(right.store()).contains("Opener"));
        assertFalse(names(right.store()).contains("Song"), "a session whose audio the backup never got was kept there");
    }

    @Test
    void aLaptopAloneInTheGroupSaysSoOnceWithThePeerItReachesForAndAgainAfterTheOtherLeft() throws Exception {
        left = Laptop.create("left", root);
        right = Laptop.create("right", root);
        List<String> logged = capture(Roles.class);
        left.start(MirrorConfig.Role.PRIMARY, right, false); // right is not running: a peer address nothing answers on
        Laptop.until("the lone laptop says it is alone", () -> logged.stream().anyMatch(l -> l.contains("No other laptop is in mirror group")));
        String line = logged.stream().filter(l -> l.contains("No other laptop is in mirror group")).findFirst().orElseThrow();
        assertTrue(line.contains("'encore-test'") && line.contains("reaches for [127.0.0.1:" + right.port + "]")
                && line.contains("on 127.0.0.1:" + left.port) && line.contains("mirror group 'encore-test' and the same mirror key"), line);

        right.start(MirrorConfig.Role.BACKUP, left, false);
        left.ok(new Action.Save("Opener"));
        left.mirroredTo(right);
        right.close();
        right = null;
        Laptop.until("the laptop left alone again says so again",
                () -> logged.stream().filter(l -> l.contains("No other laptop is in mirror group")).count() == 2);
        Thread.sleep(Laptop.DETECTION_MS); // the mirror's thread looks twice more meanwhile (every half detection time)
        assertEquals(2, logged.stream().filter(l -> l.contains("No other laptop is in mirror group")).count(),
                "said once each time it is left alone, not at every look: " + logged);
    }

    /** Sends the first half of a 64 KiB blob made of {@code seed} and waits for its answer. */
    private static void sendFirstHalf(JGroupsLink link, JGroupsLink.Peer to, int seed) throws Exception {
        byte[] bytes = new byte[64 << 10];
        java.util.Arrays.fill(bytes, (byte) seed);
        AssetId id = AssetId.of(String.format("%032x", seed));
        byte[] answer = link.ask(to, Wire.piece(id, 0, bytes.length, ByteBuffer.wrap(bytes), bytes.length / 2));
        assertEquals(Wire.OK, Wire.reader(answer).readByte(), "the first half is taken");
    }

    private static long partFiles(Path tmp) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(tmp)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part")).count();
        }
    }

    /** The warnings {@code source} logs from now until the test ends, each after its level. */
    private List<String> capture(Class<?> source) {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(source.getName());
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    lines.add(r.getLevel() + " " + new java.util.logging.SimpleFormatter().formatMessage(r));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        Runnable before = detach;
        detach = () -> {
            before.run();
            logger.removeHandler(handler);
        };
        return lines;
    }

    private Runnable detach = () -> { };

    private static List<String> names(SessionStore store) {
        return store.list().stream().map(SessionSummary::name).toList();
    }
}
