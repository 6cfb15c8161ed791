package dev.encore.mirror;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Failure lines of something that is tried again and again (the shipper sends a record every half
 * second until the backup takes it; a backup whose disk is full refuses every one): the first
 * failure and each change of reason at once, the same reason again at most every
 * {@link #REPEAT_MS} with how many times it came meanwhile, and one line when it works again.
 * Otherwise a full disk would write two lines a second for as long as it stays full.
 */
final class FailureLog {
    static final long REPEAT_MS = 30_000;

    private final Logger log;
    private String lastReason;
    private long lastLoggedNs;
    private int heldBack;

    FailureLog(Logger log) {
        this.log = log;
    }

    /**
     * It failed for {@code reason} (the same words for the same cause); {@code line} says so, when it
     * is said. Returns whether it was said now, so what goes with the line (a push to the LEDs) can
     * be held back alike.
     */
    synchronized boolean failed(String reason, String line) {
        long now = System.nanoTime();
        if (reason.equals(lastReason) && now - lastLoggedNs < TimeUnit.MILLISECONDS.toNanos(REPEAT_MS)) {
            heldBack++;
            return false;
        }
        log.warn(heldBack == 0 ? line : line + " (" + tries(heldBack) + " since the last line)");
        lastReason = reason;
        lastLoggedNs = now;
        heldBack = 0;
        return true;
    }

    /** It worked: when a failure was logged before, {@code line} says it is over. */
    synchronized void worked(String line) {
        if (lastReason != null) {
            log.info(heldBack == 0 ? line : line + " after " + tries(heldBack));
            lastReason = null;
            heldBack = 0;
        }
    }

    /** The shipper's line: {@code backup} did not take record {@code seq}, for {@code reason}. */
    void notTaken(String backup, long seq, String reason) {
        String why = withoutStop(reason);
        failed(why, "Backup " + backup + " did not take record " + seq + ": " + why + "; it is behind, and is sent it again until it takes it");
    }

    /**
     * The shipper's line: record {@code seq} cannot go to {@code backup} because this laptop cannot
     * read what it names ({@code reason}); the backup holds everything before it.
     */
    void cannotSend(String backup, long seq, String reason) {
        String why = withoutStop(reason);
        failed(why, "Record " + seq + " cannot go to backup " + backup + ": " + why + ". The backup is behind from that record on."
                + " Send /encore/check (or run `encore check --data FOLDER`) on this laptop, and import the track it names again.");
    }

    /** The shipper's line: {@code backup} took record {@code seq}. */
    void taken(String backup, long seq) {
        worked("Backup " + backup + " takes records again (record " + seq + ")");
    }

    /** {@code reason} without its closing full stop, to go on inside a sentence. */
    private static String withoutStop(String reason) {
        return reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
    }

    private static String tries(int n) {
        return n + " more failed " + (n == 1 ? "try" : "tries");
    }
}
