package dev.encore.control.osc;

import dev.encore.control.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The reply callback handed to the engine with each command. It turns the first {@link Reply} into
 * {@code /encore/reply} or {@code /encore/error} (echoing {@code req:<id>}) and ignores any later
 * call, so a controller never sees two answers to one press.
 */
final class ReplyOnce implements Consumer<Reply> {
    static final String REPLY_ADDRESS = "/encore/reply";
    static final String ERROR_ADDRESS = "/encore/error";
    static final String REQUEST_PREFIX = "req:";

    private final String address;
    private final String requestId;
    private final LogThrottle throttle;
    private final Consumer<OscPacket.Message> deliver;
    private final AtomicBoolean answered = new AtomicBoolean();

    ReplyOnce(String address, String requestId, LogThrottle throttle, Consumer<OscPacket.Message> deliver) {
        this.address = address;
        this.requestId = requestId;
        this.throttle = throttle;
        this.deliver = deliver;
    }

    @Override
    public void accept(Reply reply) {
        if (!answered.compareAndSet(false, true)) {
            throttle.warn("second-reply", "A second reply to {} was ignored: each command gets exactly one", address);
            return;
        }
        deliver.accept(toMessage(address, reply, requestId));
    }

    /** Answers with {@code reply} unless the command was already answered (used when a handler throws). */
    void answerIfUnanswered(Reply reply) {
        if (!answered.get()) {
            accept(reply);
        }
    }

    static OscPacket.Message toMessage(String address, Reply reply, String requestId) {
        List<Object> args = new ArrayList<>();
        args.add(address);
        String replyAddress;
        if (reply instanceof Reply.Ok ok) {
            replyAddress = REPLY_ADDRESS;
            args.add(ok.message() == null ? "" : ok.message());
            args.addAll(ok.extra());
        } else if (reply instanceof Reply.Error error) {
            replyAddress = ERROR_ADDRESS;
            args.add(error.reason().code());
            args.add(error.message() == null ? "" : error.message());
        } else {
            replyAddress = ERROR_ADDRESS;
            args.add(dev.encore.Reason.GENERAL.code());
            args.add("the command finished without a result");
        }
        if (requestId != null) {
            args.add(REQUEST_PREFIX + requestId);
        }
        return new OscPacket.Message(replyAddress, args);
    }
}
