package dev.encore.mirror;

import dev.encore.store.SessionStore;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A takeover epoch: its number, the last sequence number of the journal it began after, and the
 * origin of the journal's history (a random name given when a laptop first leads, and kept by every
 * takeover from it). Each takeover journals a newer one (META {@value #KEY}, "NUMBER BASE ORIGIN"),
 * and the laptop with the newest leads. A backup takes its primary's from the mirrored record.
 * Two journals share their records only when they share the origin: a laptop that led on its own,
 * or was used without a mirror, holds records of its own under the same sequence numbers.
 */
record Epoch(long number, long baseSeq, String origin) {
    static final String KEY = "mirror.epoch";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The epoch journaled in {@code store}; epoch 0 after record 0, of no known origin, when none is
     * or what is journaled cannot be read (then this laptop's journal counts as one of its own: it
     * hands its sessions over before it follows anyone, and loses nothing).
     */
    static Epoch journaled(SessionStore store) {
        String value = store.bookkeeping().meta(KEY).orElse("0 0");
        String[] e = value.split(" ");
        try {
            return new Epoch(Long.parseLong(e[0]), e.length > 1 ? Long.parseLong(e[1]) : 0, e.length > 2 ? e[2] : "");
        } catch (NumberFormatException unreadable) {
            org.slf4j.LoggerFactory.getLogger(Epoch.class).warn("The journaled takeover epoch '{}' cannot be read; it counts as none", value);
            return new Epoch(0, 0, "");
        }
    }

    /** This epoch with an origin: its own, or a new one when the journal has none yet (a laptop's first lead). */
    Epoch originated() {
        if (!origin.isEmpty()) {
            return this;
        }
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return new Epoch(number, baseSeq, HexFormat.of().formatHex(bytes));
    }

    /** The epoch a takeover from this one begins: number {@code next}, after record {@code base}, the same history. */
    Epoch takenOver(long next, long base) {
        return new Epoch(next, base, origin);
    }

    /** Journals this epoch, unless {@code store} holds it already. */
    void journal(SessionStore store) {
        if (store.bookkeeping().meta(KEY).isEmpty() || !journaled(store).equals(this)) {
            store.bookkeeping().putMeta(KEY, number + " " + baseSeq + " " + origin);
        }
    }

    /**
     * Whether a peer that says {@code s} holds records a laptop at {@code lastSeq} in this epoch
     * lacks: more of them, or records past this epoch's start made under an older epoch (it went on
     * saving on its own after this laptop took over).
     */
    boolean lacksWhatPeerHolds(Wire.Status s, long lastSeq) {
        return s.lastSeq() > lastSeq || s.epoch() < number && s.lastSeq() > baseSeq;
    }

    /** Whether a primary at {@code lastSeq} in this epoch can send its records to a backup that says {@code s}. */
    boolean canShipTo(Wire.Status s, long lastSeq) {
        return !lacksWhatPeerHolds(s, lastSeq) && sharesHistoryWith(s, lastSeq);
    }

    /**
     * Whether the journal of a laptop at {@code lastSeq} in this epoch and that of a peer that says
     * {@code s} can be one: either is empty, or both come from the same origin.
     */
    boolean sharesHistoryWith(Wire.Status s, long lastSeq) {
        return lastSeq == 0 || s.lastSeq() == 0 || !origin.isEmpty() && origin.equals(s.epochOrigin());
    }

    /**
     * Where the journal of a laptop at {@code lastSeq} in this epoch parts from that of the leader
     * that says {@code s}, when it holds records the leader lacks: the point the leader took over
     * from, for a former primary that went on saving after it; 0, for a journal that was never the
     * leader's. Empty when this laptop can follow the leader as it is.
     */
    java.util.OptionalLong handOverAfter(Wire.Status s, long lastSeq) {
        if (!sharesHistoryWith(s, lastSeq)) {
            return java.util.OptionalLong.of(0);
        }
        return s.epoch() > number && lastSeq > s.epochBaseSeq() ? java.util.OptionalLong.of(s.epochBaseSeq()) : java.util.OptionalLong.empty();
    }

    /**
     * Whether a laptop leading in this epoch as {@code name} steps down to a peer that says it leads
     * with {@code s}: the newer epoch leads; of two with the same number (two laptops set up as
     * primaries that started at once, or two backups that both took over), the one with the greater
     * origin, then the greater name, so that both sides choose the same one.
     */
    boolean yieldsTo(Wire.Status s, String name) {
        if (s.epoch() != number) {
            return s.epoch() > number;
        }
        int byOrigin = s.epochOrigin().compareTo(origin);
        return byOrigin != 0 ? byOrigin > 0 : s.name().compareTo(name) > 0;
    }

    /** This epoch, or {@code other} when it is newer or the same number with a known origin this one lacks or differs from. */
    Epoch orNewer(Epoch other) {
        boolean sameNumberNamed = other.number == number && !other.origin.isEmpty() && !other.origin.equals(origin);
        return other.number > number || sameNumberNamed ? other : this;
    }
}
