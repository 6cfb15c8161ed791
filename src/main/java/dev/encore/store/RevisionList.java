package dev.encore.store;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A session's revisions, oldest first, immutable. A save adds the newest revision to a list of
 * possibly thousands (retention trims them only at a clean stop): {@link #plus} shares the array
 * with the list it grew from, so it costs the same at the ten-thousandth save of an evening, or of
 * a journal replayed after a crash, as at the first. Lists never see each other's later elements:
 * each reads only up to its own size, and only the first list to grow past a size may write there.
 */
final class RevisionList extends AbstractList<Revision> implements RandomAccess {
    private static final RevisionList EMPTY = new RevisionList(new Slab(new Revision[0]), 0, 0);

    /** The array lists grown from one another share, and how far one of them has claimed it. */
    private static final class Slab {
        final Revision[] items;
        int claimed;

        Slab(Revision[] items) {
            this.items = items;
        }
    }

    private final Slab slab;
    private final int size;
    private final int highest;

    private RevisionList(Slab slab, int size, int highest) {
        this.slab = slab;
        this.size = size;
        this.highest = highest;
    }

    /** {@code revisions} as a revision list: itself when it is one, else a copy. */
    static RevisionList of(List<Revision> revisions) {
        if (revisions instanceof RevisionList l) {
            return l;
        }
        if (revisions.isEmpty()) {
            return EMPTY;
        }
        Revision[] items = revisions.toArray(new Revision[0]);
        int highest = 0;
        for (Revision r : items) {
            highest = Math.max(highest, Objects.requireNonNull(r, "revision").number());
        }
        Slab slab = new Slab(items);
        slab.claimed = items.length;
        return new RevisionList(slab, items.length, highest);
    }

    /** This list with {@code r} after its last revision; this list itself is unchanged. */
    RevisionList plus(Revision r) {
        Objects.requireNonNull(r, "revision");
        synchronized (slab) {
            if (slab.claimed == size && size < slab.items.length) {
                slab.items[size] = r;
                slab.claimed = size + 1;
                return new RevisionList(slab, size + 1, Math.max(highest, r.number()));
            }
        }
        Revision[] grown = Arrays.copyOf(slab.items, Math.max(8, size * 2));
        Arrays.fill(grown, size, grown.length, null); // another list may have claimed past this one's size
        grown[size] = r;
        Slab fresh = new Slab(grown);
        fresh.claimed = size + 1;
        return new RevisionList(fresh, size + 1, Math.max(highest, r.number()));
    }

    /** The highest revision number in the list, 0 when it is empty. */
    int highest() {
        return highest;
    }

    @Override
    public Revision get(int index) {
        return slab.items[Objects.checkIndex(index, size)];
    }

    @Override
    public int size() {
        return size;
    }
}
