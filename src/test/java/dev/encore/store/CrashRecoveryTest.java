package dev.encore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM with SIGKILL at random moments while it creates, copies, updates, renames,
 * undoes and deletes sessions, then checks that the
 * store opens and that every acknowledged session is there with its latest acknowledged content
 * (or the one whose commit was cut off) and audio whose hash verifies. Trials default to 30;
 * {@code -Dencore.crash.trials=500} runs the long version.
 */
class CrashRecoveryTest {
    @TempDir
    Path data;

    /** What the parent knows was acknowledged: id to gain and audio. */
    private final Map<String, Acked> acked = new HashMap<>();

    private record Acked(String name, double gain, Set<String> audio) {
    }

    /** The child's last lines, for failure messages. */
    private List<String> lastLines = List.of();

    @Test
    void everyAcknowledgedCommitSurvivesSigkillAtRandomMoments() throws Exception {
        int trials = Integer.getInteger("encore.crash.trials", 30);
        Random random = new Random(20261124L);
        int totalAcks = 0;
        int cutOff = 0;
        for (int trial = 0; trial < trials; trial++) {
            List<String> lines = runAndKill(trial, random.nextLong(), 30 + random.nextInt(700));
            String[] pending = null;
            for (String line : lines) {
                String[] w = line.split(" ");
                if (w[0].equals("BEGIN")) {
                    pending = w;
                } else if (w[0].equals("ACK")) {
                    apply(w);
                    pending = null;
                    totalAcks++;
                }
            }
            if (pending != null) {
                cutOff++;
            }
            lastLines = lines.subList(Math.max(0, lines.size() - 4), lines.size());
            verify(pending, trial);
        }
        System.out.printf("crash trials: %d, acknowledged commits: %d, kills during an operation: %d, sessions at end: %d%n",
                trials, totalAcks, cutOff, acked.size());
        assertTrue(totalAcks > trials, "the child made progress between kills");
    }

    /**
     * Runs one child until a random moment after it is ready, then SIGKILLs it. Its output goes to
     * a file, which keeps every byte the child wrote (a pipe read concurrently with the process
     * exit can lose its tail); a last line without its newline was cut off and does not count.
     */
    private List<String> runAndKill(int trial, long seed, int killAfterMs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path output = data.resolveSibling(data.getFileName() + "-trial-" + trial + ".out");
        // A short-lived child starts faster with the client compiler only; what it writes is the same.
        Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), data.toString(), Integer.toString(trial),
                Long.toString(seed))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(output.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(output).startsWith("READY\n")) {
                if (!child.isAlive() || System.nanoTime() > deadline) {
                    child.destroyForcibly();
                    fail("trial " + trial + ": the store did not open after the previous kill (child said: " + Files.readString(output) + ")");
                }
                Thread.sleep(5);
            }
            Thread.sleep(killAfterMs);
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        String text = Files.readString(output);
        Files.delete(output);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        lines.remove(lines.size() - 1); // empty after the last newline, or a cut-off line
        return lines.subList(1, lines.size());
    }

    private void apply(String[] w) {
        switch (w[1]) {
            case "CREATE" -> acked.put(w[2], new Acked(w[3], Double.parseDouble(w[4]), audio(w, 5)));
            case "UPDATE", "UNDO" -> acked.put(w[2], new Acked(acked.get(w[2]).name(), Double.parseDouble(w[3]), audio(w, 4)));
            case "RENAME" -> acked.put(w[2], new Acked(w[3], acked.get(w[2]).gain(), acked.get(w[2]).audio()));
            case "DELETE" -> acked.remove(w[2]);
            default -> fail("unknown line " + String.join(" ", w));
        }
    }

    private static Set<String> audio(String[] w, int index) {
        return w.length > index && !w[index].isEmpty() ? new TreeSet<>(Arrays.asList(w[index].split(","))) : Set.of();
    }

    /** Opens the store as the next start would, and compares it with what was acknowledged. */
    private void verify(String[] pending, int trial) {
        try (SessionStore store = SessionStore.open(data)) {
            Set<String> seen = new HashSet<>();
            for (SessionSummary row : store.list()) {
                String id = row.id().value();
                seen.add(id);
                StoredSession s = store.find(row.id()).orElseThrow();
                double gain = s.snapshot().path("params").path("mixer/gain").asDouble();
                Set<String> audio = new TreeSet<>();
                s.assets().forEach(a -> audio.add(a.hex()));
                for (AssetId a : s.assets()) {
                    store.blobs().verify(a);
                }
                Acked expected = acked.get(id);
                boolean pendingHere = pending != null && (id.equals(pending[2]) || row.name().equals(pending[2]));
                if (expected == null) {
                    assertTrue(pendingHere && pending[1].equals("CREATE"),
                            "trial " + trial + ": session " + row.name() + " exists but was never acknowledged; child ended with " + lastLines);
                    acked.put(id, new Acked(row.name(), gain, audio)); // the cut-off create did commit
                } else if (expected.gain() != gain || !expected.audio().equals(audio)) {
                    boolean cutOff = pendingHere && (pending[1].equals("UPDATE") || pending[1].equals("UNDO"));
                    assertTrue(cutOff && Double.parseDouble(pending[3]) == gain,
                            "trial " + trial + ": session " + row.name() + " lost its acknowledged content; child ended with " + lastLines);
                    acked.put(id, new Acked(expected.name(), gain, audio)); // the cut-off update or undo did commit
                } else if (!expected.name().equals(row.name())) {
                    assertTrue(pendingHere && pending[1].equals("RENAME") && pending[3].equals(row.name()),
                            "trial " + trial + ": session " + expected.name() + " came back as " + row.name() + "; child ended with " + lastLines);
                    acked.put(id, new Acked(row.name(), gain, audio)); // the cut-off rename did commit
                }
            }
            for (String id : new ArrayList<>(acked.keySet())) {
                if (!seen.contains(id)) {
                    assertTrue(pending != null && pending[1].equals("DELETE") && pending[2].equals(id),
                            "trial " + trial + ": acknowledged session " + acked.get(id).name() + " is missing; child ended with " + lastLines);
                    acked.remove(id); // the cut-off delete did commit
                }
            }
            assertEquals(acked.size(), store.list().size());
        }
    }
}
