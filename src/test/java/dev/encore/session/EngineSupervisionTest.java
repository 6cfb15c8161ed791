package dev.encore.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.Reason;
import dev.encore.feedback.Status;
import dev.encore.store.SessionId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded engine whose host misbehaves inside the restore callback: one that never returns (the
 * watchdog reports it stuck) and one that throws an Error nothing may catch (the engine thread
 * dies). In both, the failure reaches the host's listener with the engine's stack, unsaved changes
 * reach the store, nothing exits this JVM, and the next start brings the changes back.
 */
class EngineSupervisionTest {
    /** Drafts are journaled only by a clean stop or a failure, never by the debounce, within a test. */
    private static final EngineSettings NO_DEBOUNCED_DRAFTS = Settings.draftDebounceMs(3_600_000);
    /** Long enough for a warm engine's open on a loaded two-core machine; the set-up runs without it. */
    private static final long WATCHDOG_MS = 3_000;

    @TempDir
    Path dir;

    private final List<EngineFailure> failures = new CopyOnWriteArrayList<>();
    private volatile Runnable duringRestore = () -> { };

    private SessionEngine start() {
        return start(WATCHDOG_MS);
    }

    private SessionEngine start(long watchdogMs) {
        return SessionEngine.builder(dir).settings(NO_DEBOUNCED_DRAFTS).watchdogMs(watchdogMs)
                .onFailure(failures::add).onRestore((snapshot, audio) -> duringRestore.run()).start();
    }

    private static Result run(SessionEngine engine, Action action) throws Exception {
        return engine.submit(action).get(10, TimeUnit.SECONDS);
    }

    /**
     * Session "Verse" (gain 0.25) then "Chorus" (gain 0.5), saved by an engine without the watchdog
     * (a cold JVM's first save can take seconds here); then the watched engine reopens "Verse" and
     * gets the unsaved gain 0.75.
     */
    private SessionEngine twoSessionsAndUnsavedChanges() throws Exception {
        saveVerseAndChorus();
        SessionEngine engine = start();
        assertEquals(0.25, engine.live().param("/gain").get());
        engine.live().param("/gain").set(0.75);
        engine.settle().get(10, TimeUnit.SECONDS);
        SessionId verse = engine.store().bookkeeping().active().orElseThrow();
        assertTrue(engine.store().bookkeeping().draft(verse).isEmpty(), "no draft before the failure");
        return engine;
    }

    /** "Verse" (gain 0.25) and "Chorus" (gain 0.5) saved, "Verse" open, without the watchdog. */
    private void saveVerseAndChorus() throws Exception {
        try (SessionEngine setUp = start(0)) {
            setUp.live().param("/gain").set(0.25);
            assertTrue(run(setUp, new Action.Save("Verse")).ok());
            setUp.live().param("/gain").set(0.5);
            assertTrue(run(setUp, new Action.SaveCopy("Chorus")).ok());
            assertTrue(run(setUp, new Action.Open(SessionRef.name("Verse"))).ok());
        }
    }

    private EngineFailure awaitFailure(long withinMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(withinMs);
        while (failures.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, failures.size(), "one failure reported");
        return failures.get(0);
    }

    private double draftGain(SessionEngine engine, SessionId id) {
        return SnapshotCodec.decode(engine.store().bookkeeping().draft(id).orElseThrow().snapshot(), "draft").params().get("/gain")
                .doubleValue();
    }

    @Test
    void aRestoreCallbackThatNeverReturnsIsReportedStuckWithTheEngineStackAndTheDraftIsJournaled() throws Exception {
        SessionEngine engine = twoSessionsAndUnsavedChanges();
        SessionId verse = engine.store().bookkeeping().active().orElseThrow();
        CountDownLatch hostReturns = new CountDownLatch(1);

        duringRestore = () -> {
            try {
                hostReturns.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        long before = System.nanoTime();
        CompletableFuture<Result> open = engine.submit(new Action.Open(SessionRef.name("Chorus")));
        CompletableFuture<Result> queuedSave = engine.submit(new Action.Save(null));
        EngineFailure stuck = awaitFailure(WATCHDOG_MS + 10_000);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);

        assertEquals(EngineFailure.Kind.STUCK, stuck.kind());
        assertEquals("open", stuck.action());
        assertTrue(stuck.runningMs() >= WATCHDOG_MS, stuck.toString());
        assertTrue(tookMs < WATCHDOG_MS + 5_000, "reported " + tookMs + " ms after the open was sent");
        assertNull(stuck.cause());
        assertTrue(stuck.engineStack().startsWith("\"encore-engine\" WAITING"), stuck.engineStack());
        assertTrue(stuck.engineStack().contains("CountDownLatch.await"), stuck.engineStack());
        assertTrue(stuck.engineStack().contains("Switcher.bring"), stuck.engineStack());
        assertTrue(stuck.draftKept());
        assertEquals(0.75, draftGain(engine, verse), "journaled from another thread while the engine is stuck");
        assertSame(stuck, engine.failure());

        Result openResult = open.get(1, TimeUnit.SECONDS);
        assertFalse(openResult.ok());
        assertTrue(((Result.Error) openResult).message().contains("did not finish within the watchdog time of 3000 ms"),
                openResult.toString());
        assertEquals(Reason.BUSY, ((Result.Error) queuedSave.get(1, TimeUnit.SECONDS)).reason());
        assertEquals(Reason.BUSY, ((Result.Error) run(engine, new Action.Next())).reason(), "no more actions run");
        engine.close();
        assertTrue(engine.failure() == stuck && failures.size() == 1, "close neither waits nor reports again");

        hostReturns.countDown();
        // The engine thread, once the host returns, stops and closes the store; the next start reopens
        // the session that was active, with the changes the watchdog journaled.
        SessionEngine next = null;
        for (int attempt = 0; next == null && attempt < 200; attempt++) {
            try {
                next = SessionEngine.builder(dir).settings(NO_DEBOUNCED_DRAFTS).start();
            } catch (dev.encore.EncoreException e) {
                Thread.sleep(50); // the folder lock is let go when the old engine thread has closed the store
            }
        }
        assertNotNull(next, "the old engine let go of the data folder");
        try (SessionEngine again = next) {
            // The open the host held finished once it returned; Verse keeps the changes as its draft.
            assertTrue(run(again, new Action.Open(SessionRef.name("Verse"))).ok());
            assertEquals(verse, again.store().bookkeeping().active().orElseThrow());
            assertEquals(0.75, again.live().param("/gain").get());
            assertEquals(Status.UNSAVED, again.status());
            assertNull(again.failure());
        }
    }

    @Test
    void anErrorThatEndsTheEngineThreadIsReportedAndItsDraftComesBackAtTheNextStart() throws Exception {
        SessionEngine engine = twoSessionsAndUnsavedChanges();
        SessionId verse = engine.store().bookkeeping().active().orElseThrow();
        duringRestore = () -> {
            throw new Error("the host's restore callback failed");
        };
        Result open = run(engine, new Action.Open(SessionRef.name("Chorus")));
        EngineFailure died = awaitFailure(10_000);

        assertFalse(open.ok());
        assertTrue(((Result.Error) open).message().contains("the engine thread died of java.lang.Error"), open.toString());
        assertEquals(EngineFailure.Kind.DIED, died.kind());
        assertEquals("open", died.action());
        assertEquals("the host's restore callback failed", died.cause().getMessage());
        assertTrue(died.engineStack().contains("the host's restore callback failed"), died.engineStack());
        assertTrue(died.engineStack().contains("Switcher.bring"), died.engineStack());
        assertTrue(died.draftKept());
        assertTrue(died.describe().contains("died in 'open'"), died.describe());
        assertEquals(Reason.BUSY, ((Result.Error) run(engine, new Action.Save(null))).reason());
        engine.close();

        duringRestore = () -> { };
        try (SessionEngine again = start()) {
            assertEquals(verse, again.store().bookkeeping().active().orElseThrow());
            assertEquals(0.75, again.live().param("/gain").get(), "the unsaved change came back");
            assertEquals(Status.UNSAVED, again.status());
        }
        assertEquals(1, failures.size());
    }

    @Test
    void aHostProcessWhoseEngineThreadDiesExitsNonZeroAndTheDraftComesBackInTheNextProcess() throws Exception {
        saveVerseAndChorus();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path output = dir.resolve("host-output.txt");
        Process host = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FailingHost.class.getName(),
                dir.toString()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(host.waitFor(60, TimeUnit.SECONDS), "the host exited");
        String printed = Files.readString(output);
        assertEquals(FailingHost.EXIT_CODE, host.exitValue(), printed);
        assertTrue(printed.contains("FAILED DIED open kept=true"), printed);
        assertTrue(printed.contains("java.lang.Error: this host cannot play the session"), printed);
        assertTrue(printed.contains("at dev.encore.session.Switcher.bring"), printed);

        try (SessionEngine again = start()) {
            assertEquals("Verse", again.store().find(again.store().bookkeeping().active().orElseThrow()).orElseThrow().name());
            assertEquals(0.75, again.live().param("/gain").get(), "the change made in the dead process came back");
            assertEquals(Status.UNSAVED, again.status());
        }
    }

    @Test
    void aSessionWhoseOpenKilledTheEngineTwiceAtStartUpIsNotOpenedAThirdTime() throws Exception {
        try (SessionEngine engine = start(0)) {
            engine.live().param("/gain").set(0.5);
            assertTrue(run(engine, new Action.Save("Opener")).ok());
        }
        duringRestore = () -> {
            throw new Error("the host cannot take this session");
        };
        for (int attempt = 1; attempt <= 2; attempt++) {
            SessionEngine dead = start();
            assertEquals(attempt, failures.size());
            assertEquals("start-up", failures.get(attempt - 1).action());
            assertEquals(EngineFailure.Kind.DIED, dead.failure().kind());
            dead.close();
        }
        duringRestore = () -> { };
        try (SessionEngine third = start()) {
            assertNull(third.failure());
            assertEquals(Status.ERROR, third.status());
            assertTrue(third.store().bookkeeping().active().isEmpty(), "started without the session");
            assertTrue(run(third, new Action.Open(SessionRef.name("Opener"))).ok(), "it can still be opened by hand");
        }
    }
}
