package dev.encore.control.osc;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the answers to one UDP datagram may add up to, in messages and bytes, so that one small
 * packet (perhaps with a forged source address) cannot make Encore send a flood. Generous enough for
 * a sync or list of a large show; the first answer over the budget is replaced by one error.
 */
final class ReplyBudget {
    static final int MAX_MESSAGES = 4096;
    static final int MAX_BYTES = 512 * 1024;

    /** What to do with one outgoing message. */
    enum Spend { SEND, REPLACE_WITH_ERROR, DROP }

    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicInteger bytes = new AtomicInteger();
    private final AtomicBoolean exhausted = new AtomicBoolean();

    Spend spend(OscPacket.Message message) {
        int size = estimatedBytes(message);
        if (messages.incrementAndGet() <= MAX_MESSAGES && bytes.addAndGet(size) <= MAX_BYTES) {
            return Spend.SEND;
        }
        return exhausted.compareAndSet(false, true) ? Spend.REPLACE_WITH_ERROR : Spend.DROP;
    }

    /** An upper bound of the encoded size: strings count three bytes a character (UTF-8) plus padding. */
    static int estimatedBytes(OscPacket.Message message) {
        int size = 8 + message.address().length() + message.args().size();
        for (Object arg : message.args()) {
            if (arg instanceof String s) {
                size += 3 * s.length() + 4;
            } else if (arg instanceof byte[] b) {
                size += b.length + 8;
            } else {
                size += 8;
            }
        }
        return size;
    }
}
