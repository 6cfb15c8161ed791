package dev.encore.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.Reason;
import dev.encore.control.map.ControlMapReader;
import dev.encore.session.SessionEngine;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol's behaviour on a real engine, with what the sender receives recorded in order. */
class CommandRouterTest {
    private static final String ORIGIN = "osc-udp:127.0.0.1";

    @TempDir
    Path dir;

    private SessionEngine engine;
    private CommandRouter router;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        Path map = dir.resolve("osc-map.yaml");
        Files.writeString(map, "addresses:\n  save: /1/save\n  open: /1/open\n");
        engine = SessionEngine.builder(dir.resolve("data")).start();
        router = new CommandRouter(ControlMapReader.load(map), engine, (origin, address, args) -> {
            received.add(address + " " + args);
            return origin.equals(ORIGIN);
        });
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private Reply send(String address, Object... args) throws Exception {
        CompletableFuture<Reply> answer = new CompletableFuture<>();
        AtomicInteger replies = new AtomicInteger();
        router.handle(new ControlCommand(address, List.of(args), ORIGIN), reply -> {
            replies.incrementAndGet();
            received.add("reply " + reply);
            answer.complete(reply);
        });
        Reply reply = answer.get(10, TimeUnit.SECONDS);
        engine.settle().get(10, TimeUnit.SECONDS);
        assertEquals(1, replies.get(), address + " is answered exactly once");
        return reply;
    }

    private static void assertError(Reason reason, Reply reply, String text) {
        Reply.Error error = assertInstanceOf(Reply.Error.class, reply);
        assertEquals(reason.code(), error.reason().code(), error.toString());
        assertTrue(error.message().contains(text), error.message());
    }

    @Test
    void wrongArgumentsNameWhatTheCommandTakes() throws Exception {
        assertError(Reason.BAD_ARGUMENTS, send("/encore/move", 1), "/encore/move takes i:from i:to; got i:1.");
        assertError(Reason.BAD_ARGUMENTS, send("/encore/save", "a", "b"), "takes [s:name]");
        assertError(Reason.BAD_ARGUMENTS, send("/encore/revert", "now"), "[s:\"confirm\"]");
        assertError(Reason.BAD_ARGUMENTS, send("/encore/track/import", "/a.wav", 1.0f), "s:path [f:trim_start_s f:trim_end_s]");
        assertError(Reason.BAD_ARGUMENTS, send("/encore/track/remove", 1.5f), "i:track");
        assertError(Reason.BAD_ARGUMENTS, send("/encore/fixture"), "s:id");
        assertError(Reason.BAD_ARGUMENTS, send("/encore/open", 2.5f), "s:name | i:position");
        assertError(Reason.BAD_ARGUMENTS, send("/encore/param/mix/gain", "a", List.of()), "one or more values");
    }

    @Test
    void unknownAddressesAreRefusedWithAHint() throws Exception {
        assertError(Reason.BAD_ARGUMENTS, send("/encore/sve"), "did you mean 'save'?");
        assertError(Reason.BAD_ARGUMENTS, send("/lights/on"), "Unknown address /lights/on");
        assertError(Reason.BAD_ARGUMENTS, send("/encore/param/"), "Unknown address");
    }

    @Test
    void aButtonReleaseOnARenamedAddressRunsNothing() throws Exception {
        engine.live().param("/mix/gain").set(0.5);
        assertInstanceOf(Reply.Ok.class, send("/1/save", 0.0f));
        assertInstanceOf(Reply.Ok.class, send("/encore/list"));
        assertTrue(received.contains("/encore/list/end [0]"), received.toString());
        assertInstanceOf(Reply.Ok.class, send("/1/save", 1.0f));
        assertError(Reason.NO_SUCH_SESSION, send("/1/open", 2.0f), "");
        assertInstanceOf(Reply.Ok.class, send("/1/open", 1.0f));
    }

    @Test
    void listSendsItsRowsToTheSenderBeforeTheReply() throws Exception {
        send("/encore/save", "First");
        send("/encore/save_copy", "Second");
        received.clear();
        send("/encore/list");
        assertEquals(4, received.size(), received.toString());
        assertTrue(received.get(0).startsWith("/encore/list/item [1, First, "), received.toString());
        assertTrue(received.get(1).startsWith("/encore/list/item [2, Second, "), received.toString());
        assertEquals("/encore/list/end [2]", received.get(2));
        assertTrue(received.get(3).startsWith("reply Ok[message=2 session(s)."), received.toString());
    }

    @Test
    void aParameterWithoutArgumentsIsAnsweredWithItsValue() throws Exception {
        send("/encore/param/fx/mode", "hall");
        send("/encore/param/mix/pan", 0.25f, -0.25f);
        received.clear();
        send("/encore/param/fx/mode");
        send("/encore/param/mix/pan");
        assertEquals("/encore/param/fx/mode [hall]", received.get(0));
        assertEquals("/encore/param/mix/pan [0.25, -0.25]", received.get(2));
        Reply.Ok unset = assertInstanceOf(Reply.Ok.class, send("/encore/param/never/set"));
        assertTrue(unset.message().contains("not set"), unset.message());
    }

    @Test
    void deleteConfirmDeletesTheActiveSessionAtOnce() throws Exception {
        send("/encore/save", "Gone");
        assertInstanceOf(Reply.Ok.class, send("/encore/delete/confirm"));
        assertError(Reason.NO_SUCH_SESSION, send("/encore/open", "Gone"), "Gone");
    }

    @Test
    void subscribingFromMidiIsRefused() throws Exception {
        CompletableFuture<Reply> answer = new CompletableFuture<>();
        router.handle(new ControlCommand("/encore/subscribe", List.of(), "midi pads"), answer::complete);
        assertError(Reason.BAD_ARGUMENTS, answer.get(10, TimeUnit.SECONDS), "works over OSC only");
    }

    @Test
    void repeatedFaderMovesAllocateLittle() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ControlCommand[] moves = new ControlCommand[64];
        for (int i = 0; i < moves.length; i++) {
            moves[i] = new ControlCommand("/encore/param/mix/gain", List.of(i / 64f), ORIGIN);
        }
        AtomicInteger replies = new AtomicInteger();
        java.util.function.Consumer<Reply> counter = reply -> replies.incrementAndGet();
        for (int i = 0; i < 200_000; i++) {
            router.handle(moves[i % moves.length], counter);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        int count = 1_000_000;
        for (int i = 0; i < count; i++) {
            router.handle(moves[i % moves.length], counter);
        }
        long perMove = (threads.getCurrentThreadAllocatedBytes() - before) / count;
        assertEquals(1_200_000, replies.get());
        assertEquals(63 / 64.0, engine.live().param("/mix/gain").get(), 1e-6);
        assertTrue(perMove < 16, perMove + " bytes per fader move");
    }
}
