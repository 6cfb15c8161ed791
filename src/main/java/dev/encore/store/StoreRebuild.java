package dev.encore.store;

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
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery for a lost or damaged index: the old index files are moved aside (never deleted), a
 * new index is created, and every session comes back from its manifest with its setlist position
 * and the active session. Audio is not touched; sessions whose audio is gone are restored anyway
 * and listed in the report.
 */
final class StoreRebuild {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRebuild.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private StoreRebuild() {
    }

    static RebuildReport run(Path dataDir, Disk disk, Clock clock) {
        Manifests manifests = new Manifests(dataDir, disk);
        List<Manifests.Entry> entries;
        Optional<com.fasterxml.jackson.databind.node.ObjectNode> setlist;
        try {
            entries = manifests.readSessions();
            setlist = manifests.readSetlist();
        } catch (IOException e) {
            throw StorageFailure.of(e, "reading the session manifests in " + dataDir);
        }
        Path aside = moveIndexAside(dataDir, clock);
        List<String> missing = new ArrayList<>();
        try (SessionStore store = SessionStore.openIndex(dataDir, disk, clock)) {
            entries.sort(Comparator.comparing(e -> e.record().path("created").asLong()));
            for (Manifests.Entry e : entries) {
                StoredSession s = RecordCodec.session(e.id(), e.record());
                for (AssetId id : store.restore(s)) {
                    missing.add(id + " (session '" + s.name() + "')");
                }
            }
            List<SessionId> order = new ArrayList<>();
            SessionId active = null;
            if (setlist.isPresent()) {
                setlist.get().path("setlist").forEach(n -> {
                    if (SessionId.isValid(n.asText())) {
                        order.add(SessionId.of(n.asText()));
                    }
                });
                String a = setlist.get().path("active").asText(null);
                active = SessionId.isValid(a) ? SessionId.of(a) : null;
            }
            store.restoreOrder(order, active);
        }
        LOG.info("Rebuilt the session index from {} manifest(s); {} audio asset(s) missing", entries.size(), missing.size());
        return new RebuildReport(entries.size(), missing, aside);
    }

    private static Path moveIndexAside(Path dataDir, Clock clock) {
        try {
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(dataDir)) {
                try (var stream = Files.list(dataDir)) {
                    stream.filter(p -> p.getFileName().toString().startsWith(MapDbCatalog.FILE_NAME)).forEach(files::add);
                }
            }
            if (files.isEmpty()) {
                return null;
            }
            Path aside = dataDir.resolve("damaged-index-" + STAMP.format(clock.instant()));
            Files.createDirectories(aside);
            for (Path f : files) {
                Files.move(f, aside.resolve(f.getFileName()));
            }
            LOG.info("Moved the old index to {}", aside);
            return aside;
        } catch (IOException e) {
            throw new EncoreException(Reason.STORAGE_FAILURE, "Could not move the damaged index aside in " + dataDir + ": " + e, e);
        }
    }
}
