package dev.encore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.app.OscClient;
import dev.encore.app.OscClient.Message;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A controller that keeps asking while Encore starts (as a tablet does after a reboot of the
 * laptop) gets its first answers only once the store is open and the last session is back: every
 * answer lists the whole setlist and carries the stored value, never an empty or half-read store.
 * The store is read on its own thread while the map is read; this is what that must not change.
 */
class StartupAnswersIT {
    private static final int SONGS = 40;
    private static final String GAIN = "/encore/param/mix/gain";
    /** How often the controller asks (each list answer is {@value #SONGS} + 2 datagrams). */
    private static final long ASK_EVERY_MS = 20;
    /** How long after the first answers the test keeps asking and checking. */
    private static final long KEEP_ASKING_MS = 300;

    @TempDir
    Path dir;

    @Test
    void commandsSentDuringTheStartAreAnsweredWithTheStoredStateAfterACleanStopAndAfterAKill() throws Exception {
        try (JarStage stage = new JarStage(dir)) {
            DaemonProcess first = stage.start();
            stage.saveAll(Song.numbered(SONGS, 1));
            assertReply(stage.osc.request("/encore/open", "Song 017"));
            assertReply(stage.osc.request(GAIN, 0.75f));
            assertReply(stage.osc.request("/encore/save"));
            first.stop();

            List<Message> afterStop = askWhileStarting(stage, "clean start", true);
            check(afterStop, 0.75f, "after a clean stop; the daemons printed:\n" + stage.printed() + printed());

            List<Message> afterKill = askWhileStarting(stage, "after kill", false);
            check(afterKill, 0.25f, "after kill -9; the daemons printed:\n" + stage.printed() + printed());
        }
    }

    /**
     * Starts the daemon on a port picked here and, from before its JVM starts, sends a parameter
     * query and a list every few milliseconds; returns what came back until a while after the first
     * answers. With {@code thenKill}, it then saves a new value and kills the daemon with SIGKILL.
     */
    private List<Message> askWhileStarting(JarStage stage, String what, boolean thenKill) throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        OscClient osc = stage.osc.to(port);
        osc.drain();
        List<String> args = List.of("--data", stage.data.toString(), "--map", stage.map.toString(), "--osc-port",
                Integer.toString(port), "--reply-port", Integer.toString(osc.port()));
        List<Message> seen = new ArrayList<>();
        try (DaemonProcess daemon = DaemonProcess.launch(dir, dir.resolve(what.replace(' ', '-') + ".txt"), args)) {
            long deadline = System.nanoTime() + DaemonProcess.START_TIMEOUT.toNanos();
            long stopAsking = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, stopAsking)) {
                osc.send(GAIN);
                osc.send("/encore/list");
                Thread.sleep(ASK_EVERY_MS);
                seen.addAll(osc.drain());
                if (stopAsking == Long.MAX_VALUE && seen.stream().anyMatch(m -> m.address().equals("/encore/list/end"))
                        && seen.stream().anyMatch(m -> m.address().equals(GAIN))) {
                    stopAsking = System.nanoTime() + KEEP_ASKING_MS * 1_000_000;
                }
                assertTrue(daemon.isAlive(), what + ": the daemon exited; it printed:\n" + daemon.output());
            }
            assertTrue(stopAsking != Long.MAX_VALUE, what + ": no answers within " + DaemonProcess.START_TIMEOUT
                    + "; it printed:\n" + daemon.output());
            Thread.sleep(300); // the answers to the last questions arrive
            seen.addAll(osc.drain());
            if (thenKill) {
                assertReply(osc.request(GAIN, 0.25f));
                osc.send(GAIN);
                osc.await(m -> m.address().equals(GAIN) && m.args().equals(List.of(0.25f)));
                assertReply(osc.request("/encore/save"));
                daemon.kill();
            } else {
                daemon.stop();
            }
        }
        return seen;
    }

    private String printed() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String name : List.of("clean-start.txt", "after-kill.txt")) {
            Path f = dir.resolve(name);
            if (java.nio.file.Files.exists(f)) {
                all.append("== ").append(name).append('\n').append(java.nio.file.Files.readString(f));
            }
        }
        return all.toString();
    }

    /** Every answer is the stored state: the whole setlist in order, the reopened session's value, no error. */
    private static void check(List<Message> seen, float gain, String when) {
        List<String> expectedNames = new ArrayList<>();
        for (int i = 1; i <= SONGS; i++) {
            expectedNames.add(String.format("Song %03d", i));
        }
        int lists = 0;
        int wholeLists = 0;
        int gains = 0;
        List<String> names = new ArrayList<>();
        for (Message m : seen) {
            switch (m.address()) {
                case "/encore/error" -> throw new AssertionError(when + ": a command was refused during the start: " + m);
                case "/encore/list/item" -> names.add((String) m.arg(1));
                case "/encore/list/end" -> {
                    lists++;
                    assertEquals(SONGS, m.arg(0), when + ": list " + lists + " counted");
                    if (names.size() == SONGS) { // UDP may drop a row under load; a whole list must be in order
                        assertEquals(expectedNames, names, when + ": list " + lists + " named");
                        wholeLists++;
                    }
                    names.clear();
                }
                case GAIN -> {
                    gains++;
                    assertEquals(List.of(gain), m.args(), when + ": answer " + gains + " to the gain query");
                }
                default -> {
                    // status pushes, pongs and replies
                }
            }
        }
        assertTrue(wholeLists >= 1 && lists >= 2 && gains >= 2, when + ": answered " + lists + " list(s) (" + wholeLists
                + " whole) and " + gains + " gain quer(ies)");
    }

    private static void assertReply(Message answer) {
        assertEquals("/encore/reply", answer.address(), () -> "the daemon refused: " + answer);
    }
}
