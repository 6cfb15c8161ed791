package dev.encore.mirror;

import dev.encore.store.SessionStore;

/**
 * A takeover epoch: its number and the last sequence number of the journal it began after. Each
 * takeover journals a newer one (META {@value #KEY}, "NUMBER BASE"), and the laptop with the newest
 * leads. A backup takes its primary's from the mirrored record.
 */
record Epoch(long number, long baseSeq) {
    static final String KEY = "mirror.epoch";

    /** The epoch journaled in {@code store}; epoch 0 after record 0 when none is. */
    static Epoch journaled(SessionStore store) {
        String[] e = store.bookkeeping().meta(KEY).orElse("0 0").split(" ");
        return new Epoch(Long.parseLong(e[0]), e.length > 1 ? Long.parseLong(e[1]) : 0);
    }

    /** Journals this epoch, unless {@code store} holds it already. */
    void journal(SessionStore store) {
        if (store.bookkeeping().meta(KEY).isEmpty() || !journaled(store).equals(this)) {
            store.bookkeeping().putMeta(KEY, number + " " + baseSeq);
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

    /** This epoch, or {@code other} when it is newer. */
    Epoch orNewer(Epoch other) {
        return other.number > number ? other : this;
    }
}
