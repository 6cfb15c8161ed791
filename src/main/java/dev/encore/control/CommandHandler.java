package dev.encore.control;

import java.util.function.Consumer;

/**
 * Where decoded commands go. Implementations must not block the calling listener thread: they
 * queue the work and call {@code reply} exactly once, from any thread, when it is done.
 */
@FunctionalInterface
public interface CommandHandler {
    void handle(ControlCommand command, Consumer<Reply> reply);
}
