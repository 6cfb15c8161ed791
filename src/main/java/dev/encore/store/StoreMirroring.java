package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The store's side of mirroring: who hears of each durable commit (a primary's mirror), and whether
 * the store follows a primary (a backup), in which case its own changes are refused with a message
 * naming the primary, and the bookkeeping of its preview (which session is open, drafts, the
 * crash-loop guard, cached stems) is not journaled. Under the store's lock.
 */
final class StoreMirroring {
    private Consumer<MirroredRecord> listener;
    private String primary;

    StoreMirroring(boolean backup) {
        this.primary = backup ? "the primary laptop" : null;
    }

    void listen(Consumer<MirroredRecord> l) {
        this.listener = l;
    }

    Optional<String> following() {
        return Optional.ofNullable(primary);
    }

    void follow(String primaryName) {
        this.primary = primaryName;
    }

    /**
     * On a backup: true for preview bookkeeping (not journaled), an error for a change of what is
     * stored. On a primary or a standalone store: false.
     */
    boolean refusesOrSkips(RecordType type, ObjectNode record, String action) {
        if (primary == null) {
            return false;
        }
        boolean bookkeeping = switch (type) {
            case META, DRAFT, DROP_DRAFT, STEMS, CHECKPOINT -> true;
            case SETLIST -> record != null && !record.has("setlist");
            default -> false;
        };
        if (bookkeeping) {
            return true;
        }
        throw new EncoreException(Reason.BACKUP_READ_ONLY, "This laptop is the backup of " + primary + " and is read-only while it"
                + " runs; " + action + " did not happen here.");
    }

    void committed(long prevSeq, long seq, RecordType type, byte[] bytes, ObjectNode record) {
        if (listener != null) {
            listener.accept(new MirroredRecord(prevSeq, seq, type.code, bytes, namedAssets(type, record)));
        }
    }

    /** The audio a record names: its assets, or for a stem cache entry the stems, or for a whole state every retained asset. */
    static Set<AssetId> namedAssets(RecordType type, ObjectNode record) {
        Set<AssetId> ids = new HashSet<>(RecordCodec.assets(record.get("assets")));
        if (type == RecordType.STEMS) {
            record.path("stems").forEach(n -> ids.add(AssetId.of(n.asText())));
        } else if (type == RecordType.STATE) {
            StoreState s = new StoreState();
            StateRecord.decode(record, s);
            ids.addAll(s.retainedAssets());
        }
        return ids;
    }
}
