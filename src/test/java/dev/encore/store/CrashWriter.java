package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The child process of {@link CrashRecoveryTest}: creates, copies, updates (some with new audio),
 * renames, undoes and deletes sessions in a loop
 * and prints each operation before it starts and again once it is acknowledged, until killed.
 */
public final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) {
        // The test kills this writer; if the test's own JVM dies first (killed, or stopped by a
        // timeout), the writer stops too instead of writing audio until the disk is full.
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
        Path data = Path.of(args[0]);
        int trial = Integer.parseInt(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        try (SessionStore store = SessionStore.open(data)) {
            List<SessionId> mine = new ArrayList<>(store.setlist());
            System.out.println("READY");
            System.out.flush();
            for (int i = 0; ; i++) {
                int op = random.nextInt(10);
                double gain = random.nextInt(1_000_000) / 1e6;
                if (mine.size() > 150) {
                    op = 9; // keep the store at a few hundred sessions however many trials run
                }
                if (op < 5 || mine.isEmpty()) {
                    String name = "t" + trial + "-" + i;
                    Set<AssetId> assets = newAudio(store, random);
                    System.out.println("BEGIN CREATE " + name + " " + gain);
                    System.out.flush();
                    StoredSession s = store.create(name, document(gain, assets), assets);
                    mine.add(s.id());
                    System.out.println("ACK CREATE " + s.id() + " " + name + " " + gain + " " + join(assets));
                } else if (op == 5) {
                    StoredSession from = store.find(mine.get(random.nextInt(mine.size()))).orElseThrow();
                    String name = "copy" + trial + "-" + i;
                    double copied = from.snapshot().path("params").path("mixer/gain").asDouble();
                    System.out.println("BEGIN CREATE " + name + " " + copied);
                    System.out.flush();
                    StoredSession s = store.create(name, from.snapshot(), from.assets());
                    mine.add(s.id());
                    System.out.println("ACK CREATE " + s.id() + " " + name + " " + copied + " " + join(s.assets()));
                } else if (op < 8) {
                    SessionId id = mine.get(random.nextInt(mine.size()));
                    Set<AssetId> assets = new LinkedHashSet<>(store.find(id).orElseThrow().assets());
                    assets.addAll(newAudio(store, random));
                    System.out.println("BEGIN UPDATE " + id + " " + gain);
                    System.out.flush();
                    store.update(id, document(gain, assets), assets);
                    System.out.println("ACK UPDATE " + id + " " + gain + " " + join(assets));
                } else if (op == 8 && random.nextBoolean()) {
                    SessionId id = mine.get(random.nextInt(mine.size()));
                    String name = "r" + trial + "-" + i;
                    System.out.println("BEGIN RENAME " + id + " " + name);
                    System.out.flush();
                    store.rename(id, name);
                    System.out.println("ACK RENAME " + id + " " + name);
                } else if (op == 8) {
                    SessionId id = mine.get(random.nextInt(mine.size()));
                    List<Revision> history = store.revisions().history(id);
                    int head = store.revisions().head(id);
                    Revision before = null;
                    for (int k = 0; k + 1 < history.size(); k++) {
                        if (history.get(k).number() == head) {
                            before = history.get(k + 1);
                        }
                    }
                    if (before == null) {
                        continue;
                    }
                    StoredSession target = store.revisions().revision(id, before.number());
                    double back = target.snapshot().path("params").path("mixer/gain").asDouble();
                    System.out.println("BEGIN UNDO " + id + " " + back + " " + join(target.assets()));
                    System.out.flush();
                    store.revisions().undo(id);
                    System.out.println("ACK UNDO " + id + " " + back + " " + join(target.assets()));
                } else {
                    SessionId id = mine.remove(random.nextInt(mine.size()));
                    System.out.println("BEGIN DELETE " + id);
                    System.out.flush();
                    store.delete(id);
                    System.out.println("ACK DELETE " + id);
                }
                System.out.flush();
            }
        }
    }

    /** Half of the commits bring new audio of up to 3 MB, written before the commit as the engine does. */
    private static Set<AssetId> newAudio(SessionStore store, Random random) {
        Set<AssetId> ids = new LinkedHashSet<>();
        if (random.nextBoolean()) {
            byte[] bytes = new byte[1 + random.nextInt(3_000_000)];
            random.nextBytes(bytes);
            ids.add(store.blobs().put(bytes));
        }
        return ids;
    }

    static ObjectNode document(double gain, Set<AssetId> assets) {
        ObjectNode doc = StoreFixtures.params(gain);
        doc.put("audio", join(assets));
        return doc;
    }

    static String join(Set<AssetId> assets) {
        return assets.stream().map(AssetId::hex).collect(Collectors.joining(","));
    }
}
