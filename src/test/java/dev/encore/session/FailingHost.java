package dev.encore.session;

import java.nio.file.Path;

/**
 * A host in a separate JVM whose restore callback throws an Error nothing may catch when a session
 * with gain 0.5 arrives, which ends the engine thread. Its failure listener does what the daemon
 * does, as a host may choose to: prints the failure and exits with code 3. {@code main(dir)}: the
 * session that was last open gets the unsaved gain 0.75, then the host opens "Chorus".
 */
public final class FailingHost {
    static final int EXIT_CODE = 3;

    private FailingHost() {
    }

    public static void main(String[] args) throws Exception {
        EngineSettings noDebouncedDrafts = Settings.draftDebounceMs(3_600_000);
        SessionEngine engine = SessionEngine.builder(Path.of(args[0])).settings(noDebouncedDrafts)
                .onRestore((snapshot, audio) -> {
                    if (snapshot.params().get("/gain").doubleValue() == 0.5) {
                        throw new Error("this host cannot play the session");
                    }
                })
                .onFailure(failure -> {
                    System.out.println("FAILED " + failure.kind() + " " + failure.action() + " kept=" + failure.draftKept());
                    System.out.println(failure.engineStack());
                    System.out.flush();
                    System.exit(EXIT_CODE);
                })
                .start();
        engine.live().param("/gain").set(0.75);
        engine.settle().get();
        engine.submit(new Action.Open(SessionRef.name("Chorus"))).get();
        Thread.sleep(60_000);
        System.exit(0);
    }
}
