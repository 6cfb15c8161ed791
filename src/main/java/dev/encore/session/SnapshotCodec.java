package dev.encore.session;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import dev.encore.Reason;

/**
 * Converts a {@link Snapshot} to and from the stored document (schema version 2), which is exactly
 * Jackson's default serialization of the record. Unknown fields are ignored on reading, so a
 * document written by a newer Encore still opens.
 */
public final class SnapshotCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private SnapshotCodec() {
    }

    /**
     * The snapshot as the JSON tree the store keeps (as CBOR).
     *
     * @param snapshot the snapshot
     * @return its document
     */
    public static ObjectNode encode(Snapshot snapshot) {
        return MAPPER.valueToTree(snapshot);
    }

    /**
     * Reads a stored snapshot document.
     *
     * @param document the document {@link #encode} made
     * @param what names the document in the error, for example "session 'Opener'"
     * @return the snapshot
     * @throws EncoreException STORE_DAMAGED when the document cannot be read
     */
    public static Snapshot decode(ObjectNode document, String what) {
        try {
            return MAPPER.treeToValue(document, Snapshot.class);
        } catch (Exception e) {
            throw new EncoreException(Reason.STORE_DAMAGED,
                    "The stored snapshot of " + what + " cannot be read: " + e.getMessage(), e);
        }
    }
}
