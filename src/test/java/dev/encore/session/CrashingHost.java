package dev.encore.session;

import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;

/**
 * A host in a separate JVM that the recovery tests kill. {@code draft <dir>}: opens the last
 * session, changes the live state, waits until the draft is journaled, prints READY and waits to be
 * killed. {@code halt <dir>}: dies inside the restore callback, the way a crashing host would.
 */
public final class CrashingHost {
    private CrashingHost() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        EngineSettings settings = Settings.draftDebounceMs(50);
        if (args[0].equals("halt")) {
            SessionEngine.builder(dir).settings(settings).onRestore((s, a) -> Runtime.getRuntime().halt(3)).start();
            Runtime.getRuntime().halt(4);
        }
        SessionEngine engine = SessionEngine.builder(dir).settings(settings).start();
        engine.live().param("/gain").set(0.9);
        engine.live().setParam("/label", TextNode.valueOf("chorus"));
        engine.live().selectFixture("demo-2");
        var id = engine.store().bookkeeping().active().orElseThrow();
        while (engine.store().bookkeeping().draft(id).map(d -> d.snapshot().path("fixture").asText()).orElse("").isEmpty()
                || !engine.store().bookkeeping().draft(id).get().snapshot().path("fixture").asText().equals("demo-2")) {
            engine.settle().get();
            Thread.sleep(20);
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
