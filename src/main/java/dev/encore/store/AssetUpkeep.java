package dev.encore.store;

import dev.encore.EncoreException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks after the audio in the {@link BlobStore} against what the records name: maps an asset
 * checked against its recorded length, collects audio nothing retained uses any more, and runs
 * the pre-show check that reads every asset in use. Audio no record ever named is never deleted.
 */
public final class AssetUpkeep {
    private static final Logger LOG = LoggerFactory.getLogger(AssetUpkeep.class);

    private final StoreState state;
    private final BlobStore blobs;
    private final Commits commits;
    private volatile Supplier<Set<AssetId>> liveRoots = Set::of;

    AssetUpkeep(StoreState state, BlobStore blobs, Commits commits) {
        this.state = state;
        this.blobs = blobs;
        this.commits = commits;
    }

    /** Assets the live state holds (tracks not yet saved); collection never deletes them. */
    void setLiveRoots(Supplier<Set<AssetId>> roots) {
        this.liveRoots = roots;
    }

    /** Maps an asset read-only, checking its length against the one its records name. */
    MappedAsset map(AssetId id) {
        return blobs.map(id, recordedSize(id));
    }

    /**
     * What {@link #collect} would delete now, with each blob's length; deletes nothing.
     *
     * @param extraRoots audio to keep besides what the records and the live state use
     * @return each collectable blob with its length
     */
    public Map<AssetId, Long> collectable(Set<AssetId> extraRoots) {
        synchronized (state) {
            Set<AssetId> keep = kept(extraRoots);
            Set<AssetId> fresh = blobs.fresh();
            Map<AssetId, Long> out = new TreeMap<>();
            for (AssetId id : blobs.list()) {
                if (!fresh.contains(id) && !keep.contains(id) && state.everNamed.contains(id) && blobs.exists(id)) {
                    out.put(id, blobs.length(id));
                }
            }
            return out;
        }
    }

    /**
     * Deletes audio that records once named but that no retained revision, draft, stem cache
     * entry, live track or {@code extraRoots} uses any more, and that was not written since start.
     * Audio no record ever named (a file Encore did not write, or one a crash left unreferenced)
     * is never deleted.
     *
     * @param extraRoots audio to keep besides what the records and the live state use
     * @return what was deleted
     */
    public Set<AssetId> collect(Set<AssetId> extraRoots) {
        synchronized (state) {
            commits.refuseIfReadOnly("collecting unused audio");
            Set<AssetId> keep = kept(extraRoots);
            Set<AssetId> deleted = blobs.collect(id -> keep.contains(id) || !state.everNamed.contains(id));
            if (!deleted.isEmpty()) {
                LOG.info("Collected {} audio asset(s) no retained session uses any more", deleted.size());
            }
            return deleted;
        }
    }

    /**
     * Reads every asset a session or draft uses in full and checks its hash: the pre-show check.
     *
     * @param progress gets 0..1 by bytes
     * @return what was read, and what is missing or damaged
     */
    public CheckReport check(DoubleConsumer progress) {
        return check((done, total) -> progress.accept(total == 0 ? 1.0 : done / (double) total));
    }

    /**
     * {@link #check(DoubleConsumer)}, reporting bytes after each asset; the lock is let go between assets.
     *
     * @param progress gets the bytes verified so far and the total
     * @return what was read, and what is missing or damaged
     */
    public CheckReport check(CheckProgress progress) {
        List<AssetId> ids;
        long[] sizes;
        synchronized (state) {
            ids = new ArrayList<>(state.currentAssets());
            sizes = new long[ids.size()];
            for (int i = 0; i < ids.size(); i++) {
                sizes[i] = Math.max(0, state.sizes.getOrDefault(ids.get(i), 0L));
            }
        }
        long total = Arrays.stream(sizes).sum();
        if (total == 0) { // no recorded sizes (audio of an old folder): count assets instead
            Arrays.fill(sizes, 1);
            total = sizes.length;
        }
        long done = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            AssetId id = ids.get(i);
            try {
                blobs.verify(id, recordedSize(id));
            } catch (EncoreException e) {
                List<String> users;
                synchronized (state) {
                    users = state.usersOf(id);
                }
                problems.add(e.getMessage() + " Used by " + (users.isEmpty() ? "nothing" : String.join(", ", users)) + ".");
            }
            done += sizes[i];
            progress.checked(done, total);
        }
        return new CheckReport(ids.size(), problems);
    }

    /** How many sessions there are, and the audio they name that the blob store lacks: what a rebuild reports. */
    RebuildReport missing() {
        List<String> missing = new ArrayList<>();
        synchronized (state) {
            for (SessionHistory h : state.sessions.values()) {
                for (AssetId id : h.assets()) {
                    if (!blobs.exists(id)) {
                        missing.add(id + " (session '" + h.name() + "')");
                    }
                }
            }
            return new RebuildReport(state.sessions.size(), missing);
        }
    }

    private long recordedSize(AssetId id) {
        synchronized (state) {
            return state.sizes.getOrDefault(id, -1L);
        }
    }

    private Set<AssetId> kept(Set<AssetId> extraRoots) {
        Set<AssetId> keep = state.retainedAssets();
        keep.addAll(extraRoots);
        keep.addAll(liveRoots.get());
        return keep;
    }

    /** How far a {@link #check} is: bytes of audio verified so far, of all it verifies. */
    @FunctionalInterface
    public interface CheckProgress {
        void checked(long bytes, long totalBytes);
    }
}
