package dev.encore.store;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content-addressed audio files: each blob is written once under the hash of its bytes
 * ({@code blobs/ab/abcdef...}) and read back as a read-only memory mapping. Writers stream into
 * {@code blobs/tmp/}, which is emptied at start because anything left there is from a crash.
 *
 * <p>A blob that was just written is "fresh" until a session, draft or live track references it;
 * {@link #collect} never deletes fresh blobs or temp files, so collection can run beside writes.
 */
public final class BlobStore {
    /** One mapping is at most 2 GiB - 1 (a Java buffer's limit): about 93 minutes of 48 kHz stereo. */
    public static final long MAX_BLOB_BYTES = Integer.MAX_VALUE;

    private static final Logger LOG = LoggerFactory.getLogger(BlobStore.class);

    private final Path root;
    private final Path tmp;
    private final Disk disk;
    private final long maxBlobBytes;
    private final Set<AssetId> fresh = ConcurrentHashMap.newKeySet();
    private boolean readOnly;

    private BlobStore(Path root, Disk disk, long maxBlobBytes) {
        this.root = root;
        this.tmp = root.resolve("tmp");
        this.disk = disk;
        this.maxBlobBytes = maxBlobBytes;
    }

    /** Opens (creating if needed) the blob folder and removes temp files a crash left behind. */
    public static BlobStore open(Path root, Disk disk) {
        return open(root, disk, MAX_BLOB_BYTES);
    }

    static BlobStore open(Path root, Disk disk, long maxBlobBytes) {
        BlobStore store = new BlobStore(root, disk, maxBlobBytes);
        try {
            disk.createDirectories(store.tmp);
            int removed = 0;
            for (String name : disk.list(store.tmp)) {
                disk.delete(store.tmp.resolve(name));
                removed++;
            }
            if (removed > 0) {
                LOG.info("Removed {} unfinished audio write(s) left by an earlier crash", removed);
            }
        } catch (IOException e) {
            throw StorageFailure.of(e, "opening the audio folder " + root);
        }
        return store;
    }

    /**
     * Opens the blob folder of a data folder another process may be writing: nothing is created or
     * removed (its temp files are that process's writes in progress), and writing or collecting is refused.
     */
    static BlobStore openReadOnly(Path root, Disk disk) {
        BlobStore store = new BlobStore(root, disk, MAX_BLOB_BYTES);
        store.readOnly = true;
        return store;
    }

    /** Starts writing a new blob. Close the writer (or commit it) in every case. */
    public BlobWriter newWriter() {
        refuseIfReadOnly("stored");
        Path temp = tmp.resolve(UUID.randomUUID() + ".part");
        try {
            return new BlobWriter(this, temp, disk.create(temp), maxBlobBytes);
        } catch (IOException e) {
            throw StorageFailure.of(e, "starting an audio write");
        }
    }

    /** Writes a whole blob from memory; for small assets and tests. */
    public AssetId put(byte[] bytes) {
        try (BlobWriter w = newWriter()) {
            return w.write(bytes, 0, bytes.length).commit();
        }
    }

    public boolean exists(AssetId id) {
        try {
            disk.size(path(id));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The blob's length in bytes, from the file system (no read). */
    public long length(AssetId id) {
        try {
            return disk.size(path(id));
        } catch (NoSuchFileException e) {
            throw missing(id);
        } catch (IOException e) {
            throw StorageFailure.of(e, "reading audio " + id);
        }
    }

    /**
     * Maps a blob read-only. Its length is checked against {@code expectedBytes} (pass -1 to skip);
     * the content hash is checked only by {@link #verify}, which reads every byte.
     */
    public MappedAsset map(AssetId id, long expectedBytes) {
        Path file = path(id);
        try (FileChannel ch = disk.openRead(file)) {
            long size = ch.size();
            if (expectedBytes >= 0 && size != expectedBytes) {
                throw new EncoreException(Reason.ASSET_CORRUPT,
                        "Audio " + id + " has " + size + " bytes, expected " + expectedBytes + ".");
            }
            if (size > MAX_BLOB_BYTES) {
                throw new EncoreException(Reason.UNSUPPORTED_AUDIO,
                        "Audio " + id + " is " + (size >> 20) + " MiB; assets over 2 GiB cannot be mapped.");
            }
            MappedByteBuffer buffer = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return new MappedAsset(id, buffer);
        } catch (NoSuchFileException e) {
            throw missing(id);
        } catch (IOException e) {
            throw StorageFailure.of(e, "reading audio " + id);
        }
    }

    /** Reads every byte and checks the content hash; a missing or damaged blob gives a typed error. */
    public void verify(AssetId id) {
        verify(id, -1);
    }

    /** As {@link #verify(AssetId)}, also checking the length its records name ({@code -1}: unknown). */
    public void verify(AssetId id, long expectedBytes) {
        MappedAsset asset = map(id, expectedBytes);
        String actual = new ContentHash().update(asset.bytes()).hex();
        if (!actual.equals(id.hex())) {
            throw new EncoreException(Reason.ASSET_CORRUPT,
                    "Audio " + id + " is damaged: its content hashes to " + actual + ".");
        }
    }

    /** Every blob on disk (temp files excluded). */
    public Set<AssetId> list() {
        Set<AssetId> ids = new TreeSet<>();
        try {
            for (String fan : disk.list(root)) {
                if (fan.length() != 2 || !java.nio.file.Files.isDirectory(root.resolve(fan))) {
                    continue; // tmp/, or a file someone put here: not audio, left alone
                }
                for (String name : disk.list(root.resolve(fan))) {
                    if (AssetId.isValid(name) && name.startsWith(fan)) {
                        ids.add(AssetId.of(name));
                    }
                }
            }
        } catch (IOException e) {
            throw StorageFailure.of(e, "listing audio");
        }
        return ids;
    }

    /**
     * Deletes every blob that is neither fresh nor accepted by {@code referenced}; returns what it
     * deleted. The caller holds whatever lock keeps new references from being committed meanwhile.
     */
    public Set<AssetId> collect(Predicate<AssetId> referenced) {
        refuseIfReadOnly("deleted");
        Set<AssetId> deleted = new TreeSet<>();
        for (AssetId id : list()) {
            if (fresh.contains(id) || referenced.test(id)) {
                continue;
            }
            try {
                disk.delete(path(id));
                deleted.add(id);
            } catch (IOException e) {
                LOG.warn("Could not delete unreferenced audio {}: {}", id, e.toString());
            }
        }
        return deleted;
    }

    /** The assets are now referenced by a committed session or draft: no longer fresh. */
    void adopt(Set<AssetId> ids) {
        fresh.removeAll(ids);
    }

    Set<AssetId> fresh() {
        return Set.copyOf(fresh);
    }

    Disk disk() {
        return disk;
    }

    Path path(AssetId id) {
        return root.resolve(id.hex().substring(0, 2)).resolve(id.hex());
    }

    AssetId publish(Path temp, AssetId id, long bytes) {
        Path target = path(id);
        fresh.add(id); // before the rename, so a concurrent collect never sees it unprotected
        try {
            // Always renamed over an existing file of the same name: if that one was damaged, writing
            // the same bytes again (re-importing the track) is what repairs it. A reader that has
            // the old file mapped keeps its mapping.
            Path fan = target.getParent();
            disk.createDirectories(fan);
            disk.move(temp, target);
            disk.syncDirectory(fan);
            disk.syncDirectory(root);
            return id;
        } catch (IOException e) {
            fresh.remove(id);
            discard(temp);
            throw StorageFailure.of(e, "storing audio " + id);
        }
    }

    void discard(Path temp) {
        try {
            disk.delete(temp);
        } catch (IOException e) {
            LOG.warn("Could not delete temp file {}: {}", temp, e.toString());
        }
    }

    private void refuseIfReadOnly(String what) {
        if (readOnly) {
            throw new IllegalStateException("The audio folder " + root + " was opened read-only; no audio is " + what + " through it.");
        }
    }

    private static EncoreException missing(AssetId id) {
        return new EncoreException(Reason.ASSET_MISSING, "Audio " + id + " is missing from the blob store.");
    }
}
