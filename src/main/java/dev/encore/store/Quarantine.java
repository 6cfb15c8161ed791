package dev.encore.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where damaged journal bytes are copied before they are skipped ({@code quarantine/} in the data
 * folder), so that nothing found damaged is ever thrown away. Each stretch is copied once; every
 * start names it again in the log with the session it seems to belong to.
 */
final class Quarantine {
    static final String DIR = "quarantine";
    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);

    private final Path dir;
    private final Disk disk;

    Quarantine(Path dataDir, Disk disk) {
        this.dir = dataDir.resolve(DIR);
        this.disk = disk;
    }

    /** Copies the damaged bytes and returns the line that names them. */
    String keep(String segment, SegmentScan.Damage d, ByteBuffer map) {
        ByteBuffer bytes = map.slice((int) d.offset(), d.length());
        String owner = guessOwner(bytes.duplicate());
        Path file = dir.resolve(segment + "@" + d.offset() + ".bad");
        String line = (d.torn() ? "An unfinished write (never acknowledged) at the end of " : "A damaged record in ")
                + "journal segment " + segment + " at offset " + d.offset() + " (" + d.length() + " bytes)" + owner;
        try {
            if (!Files.exists(file)) {
                disk.createDirectories(dir);
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                disk.writeAtomically(file, copy);
            }
            line += "; copied to " + file + " and skipped";
        } catch (IOException e) {
            line += "; skipped (could not copy it to " + dir + ": " + e.getMessage() + ")";
        }
        if (d.torn()) {
            LOG.info("{}", line);
        } else {
            LOG.warn("{}. Every other record still counts: that session comes back at its previous revision.", line);
        }
        return line;
    }

    /** The session a damaged record seems to name, read past the damage as far as it goes. */
    private static String guessOwner(ByteBuffer bytes) {
        if (bytes.remaining() <= SegmentScan.HEADER) {
            return "";
        }
        byte[] payload = new byte[bytes.remaining() - SegmentScan.HEADER];
        bytes.position(SegmentScan.HEADER).get(payload);
        try {
            JsonNode n = RecordCodec.CBOR.readTree(payload);
            String name = n == null ? null : n.path("name").asText(null);
            String id = n == null ? null : n.path("id").asText(null);
            if (name != null) {
                return ", which belonged to session '" + name + "'";
            }
            return id != null ? ", which belonged to session " + id : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
