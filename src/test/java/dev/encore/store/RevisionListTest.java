package dev.encore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Revisions grown one save at a time share their array, and no list ever sees another's revisions. */
class RevisionListTest {
    private static Revision rev(int n) {
        return new Revision(n, Instant.ofEpochMilli(n), "save", Set.of(), n);
    }

    @Test
    void growingOneAtATimeKeepsEveryEarlierListAsItWas() {
        List<RevisionList> lists = new ArrayList<>();
        RevisionList l = RevisionList.of(List.of());
        lists.add(l);
        for (int n = 1; n <= 1000; n++) {
            l = l.plus(rev(n));
            lists.add(l);
        }
        for (int size = 0; size <= 1000; size++) {
            RevisionList at = lists.get(size);
            assertEquals(size, at.size());
            assertEquals(size, at.highest());
            for (int i = 0; i < size; i++) {
                assertEquals(i + 1, at.get(i).number());
            }
        }
        assertEquals(List.of(rev(1), rev(2), rev(3)), lists.get(3));
        assertEquals(List.of(rev(1), rev(2), rev(3)).hashCode(), lists.get(3).hashCode());
    }

    @Test
    void twoListsGrownFromTheSameOneEachKeepTheirOwnNewest() {
        RevisionList base = RevisionList.of(List.of(rev(1), rev(2)));
        RevisionList a = base.plus(rev(3));
        RevisionList b = base.plus(rev(7));
        RevisionList a2 = a.plus(rev(4));
        RevisionList b2 = b.plus(rev(8));
        assertEquals(List.of(rev(1), rev(2)), base);
        assertEquals(List.of(rev(1), rev(2), rev(3)), a);
        assertEquals(List.of(rev(1), rev(2), rev(7)), b);
        assertEquals(List.of(rev(1), rev(2), rev(3), rev(4)), a2);
        assertEquals(List.of(rev(1), rev(2), rev(7), rev(8)), b2);
        assertEquals(8, b2.highest());
        assertEquals(4, a2.highest());
    }

    @Test
    void forksGrownOnManyThreadsAtOnceNeverMix() throws Exception {
        RevisionList base = RevisionList.of(List.of()).plus(rev(1));
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RevisionList>> grown = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = (t + 1) * 100_000;
                grown.add(pool.submit(() -> {
                    go.await();
                    RevisionList l = base;
                    for (int n = 1; n <= 2000; n++) {
                        l = l.plus(rev(offset + n));
                    }
                    return l;
                }));
            }
            go.countDown();
            for (int t = 0; t < threads; t++) {
                RevisionList l = grown.get(t).get();
                int offset = (t + 1) * 100_000;
                assertEquals(2001, l.size());
                assertEquals(1, l.get(0).number());
                for (int n = 1; n <= 2000; n++) {
                    assertEquals(offset + n, l.get(n).number(), "thread " + t + " at " + n);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSaveAddsItsRevisionAndARevisionJournaledAgainReplacesTheOneItRepeats() {
        StoredSession s = new StoredSession(SessionId.random(), "Opener", Instant.EPOCH, Instant.EPOCH, SchemaMigration.CURRENT, Set.of(),
                StoreFixtures.params(0.5));
        SessionHistory h = SessionHistory.first(s, 0, rev(1));
        for (int n = 2; n <= 5; n++) {
            h = h.saved(s, 0, rev(n));
        }
        assertEquals(List.of(1, 2, 3, 4, 5), numbers(h));
        SessionHistory again = h.saved(s, 0, new Revision(3, Instant.ofEpochMilli(99), "save", Set.of(), 99));
        assertEquals(List.of(1, 2, 4, 5, 3), numbers(again));
        assertEquals(99, again.revisions().get(4).seq());
        assertEquals(3, again.head());
        SessionHistory afterThat = again.saved(s, 0, new Revision(5, Instant.ofEpochMilli(100), "save", Set.of(), 100));
        assertEquals(List.of(1, 2, 4, 3, 5), numbers(afterThat), "5 was not the last any more, and is still not kept twice");
        assertEquals(List.of(1, 2, 3, 4, 5), numbers(h), "the history it grew from is unchanged");
    }

    private static List<Integer> numbers(SessionHistory h) {
        return h.revisions().stream().map(Revision::number).toList();
    }

    @Test
    void aRevisionListIsTakenAsItIsAndCannotBeChanged() {
        RevisionList l = RevisionList.of(List.of(rev(1)));
        assertSame(l, RevisionList.of(l));
        assertThrows(UnsupportedOperationException.class, () -> l.add(rev(2)));
        assertThrows(UnsupportedOperationException.class, () -> l.set(0, rev(2)));
        assertThrows(IndexOutOfBoundsException.class, () -> l.get(1));
        assertThrows(NullPointerException.class, () -> l.plus(null));
        assertEquals(5, RevisionList.of(List.of(rev(5), rev(2))).highest());
    }
}
