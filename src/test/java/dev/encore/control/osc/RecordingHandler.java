package dev.encore.control.osc;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.encore.control.CommandHandler;
import dev.encore.control.ControlCommand;
import dev.encore.control.Reply;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A fake engine: records every command and, unless told otherwise, answers at once with
 * "done #n" where n counts the commands it ran, so a reply from the cache is recognisable.
 */
final class RecordingHandler implements CommandHandler {
    final BlockingQueue<ControlCommand> commands = new LinkedBlockingQueue<>();
    final BlockingQueue<Consumer<Reply>> heldReplies = new LinkedBlockingQueue<>();
    final AtomicInteger count = new AtomicInteger();
    private volatile BiConsumer<ControlCommand, Consumer<Reply>> behaviour =
            (command, reply) -> reply.accept(new Reply.Ok("done #" + count.get()));

    /** Replace the default answer, e.g. with an error, a throw, or holding the reply for later. */
    void answer(BiConsumer<ControlCommand, Consumer<Reply>> how) {
        behaviour = how;
    }

    void holdReplies() {
        behaviour = (command, reply) -> heldReplies.add(reply);
    }

    @Override
    public void handle(ControlCommand command, Consumer<Reply> reply) {
        count.incrementAndGet();
        commands.add(command);
        behaviour.accept(command, reply);
    }

    ControlCommand next() throws InterruptedException {
        ControlCommand command = commands.poll(5, TimeUnit.SECONDS);
        assertNotNull(command, "the handler received no command within 5 s");
        return command;
    }
}
