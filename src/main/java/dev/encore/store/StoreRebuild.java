package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the MapDB index from the manifests: every session with its setlist position, the
 * active session, the drafts, the engine's bookkeeping and the stem cache. Audio is not touched;
 * sessions whose audio is gone come back anyway and are listed in the report.
 *
 * <p>Run by hand ({@code --rebuild}) the old index is moved aside, never deleted; after an
 * unclean shutdown it is rebuilt automatically and the old index, which may hold half a commit,
 * is removed.
 */
final class StoreRebuild {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRebuild.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private StoreRebuild() {
    }

    static RebuildReport rebuild(Path dataDir, Disk disk, Clock clock) {
        // Never reuse a folder: a second rebuild within the same second keeps both old indexes.
        String stamp = "damaged-index-" + STAMP.format(clock.instant());
        Path aside = dataDir.resolve(stamp);
        for (int n = 2; Files.exists(aside); n++) {
            aside = dataDir.resolve(stamp + "-" + n);
        }
        return run(dataDir, disk, clock, aside);
    }

    static RebuildReport recoverAfterCrash(Path dataDir, Disk disk, Clock clock) {
        return run(dataDir, disk, clock, null);
    }

    private static RebuildReport run(Path dataDir, Disk disk, Clock clock, Path aside) {
        Manifests manifests = new Manifests(dataDir, disk);
        List<Manifests.Entry> sessions;
        List<Manifests.Entry> drafts;
        ObjectNode setlist;
        ObjectNode meta;
        ObjectNode stems;
        try {
            manifests.init();
            sessions = manifests.readSessions();
            drafts = manifests.readDrafts();
            setlist = manifests.readSetlist().orElse(RecordCodec.JSON.createObjectNode());
            meta = manifests.readMeta().orElse(RecordCodec.JSON.createObjectNode());
            stems = manifests.readStems().orElse(RecordCodec.JSON.createObjectNode());
        } catch (IOException e) {
            throw StorageFailure.of(e, "reading the session manifests in " + dataDir);
        }
        Path movedTo = clearIndex(dataDir, aside);
        List<String> missing = new ArrayList<>();
        try (SessionStore store = StoreOpening.openIndex(dataDir, disk, clock)) {
            sessions.sort(Comparator.comparing(e -> e.record().path("created").asLong()));
            for (Manifests.Entry e : sessions) {
                StoredSession s = RecordCodec.session(SessionId.of(e.key()), e.record());
                for (AssetId id : store.repair.restore(s)) {
                    missing.add(id + " (session '" + s.name() + "')");
                }
            }
            for (Manifests.Entry d : drafts) {
                if (d.key().equals(SessionStore.UNTITLED) || (SessionId.isValid(d.key()) && store.find(SessionId.of(d.key())).isPresent())) {
                    store.repair.restoreDraft(d.key(), d.record());
                }
            }
            List<SessionId> order = new ArrayList<>();
            setlist.path("setlist").forEach(n -> {
                if (SessionId.isValid(n.asText())) {
                    order.add(SessionId.of(n.asText()));
                }
            });
            String active = setlist.path("active").asText(null);
            store.repair.restoreOrder(order, SessionId.isValid(active) ? SessionId.of(active) : null);
            store.repair.restoreMetaAndStems(meta, stems);
        }
        LOG.info("Rebuilt the session index from {} session and {} draft manifest(s); {} audio asset(s) missing",
                sessions.size(), drafts.size(), missing.size());
        return new RebuildReport(sessions.size(), missing, movedTo);
    }

    /** Moves the index files to {@code aside}, or deletes them when it is null. */
    private static Path clearIndex(Path dataDir, Path aside) {
        try {
            List<Path> files = new ArrayList<>();
            try (var stream = Files.list(dataDir)) {
                stream.filter(p -> p.getFileName().toString().startsWith(MapDbCatalog.FILE_NAME)).forEach(files::add);
            }
            if (files.isEmpty()) {
                return null;
            }
            if (aside != null) {
                Files.createDirectories(aside);
            }
            for (Path f : files) {
                if (aside == null) {
                    Files.delete(f);
                } else {
                    Files.move(f, aside.resolve(f.getFileName()));
                }
            }
            if (aside != null) {
                LOG.info("Moved the old index to {}", aside);
            }
            return aside;
        } catch (IOException e) {
            throw new EncoreException(Reason.STORAGE_FAILURE, "Could not clear the old index in " + dataDir + ": " + e, e);
        }
    }
}
