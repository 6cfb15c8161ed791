package dev.encore.store;

import dev.encore.EncoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * The pre-show check: every referenced asset is read in full and its hash compared with its
 * name, and each problem names the sessions and drafts that use the asset.
 */
final class AssetCheck {
    private final SessionStore store;

    AssetCheck(SessionStore store) {
        this.store = store;
    }

    CheckReport run(DoubleConsumer progress) {
        List<AssetId> ids;
        synchronized (store) {
            ids = new ArrayList<>(store.assetIndex.referenced());
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            AssetId id = ids.get(i);
            try {
                store.blobs.verify(id);
            } catch (EncoreException e) {
                problems.add(e.getMessage() + " Used by " + usersOf(id) + ".");
            }
            progress.accept((i + 1) / (double) ids.size());
        }
        return new CheckReport(ids.size(), problems);
    }

    private String usersOf(AssetId id) {
        List<String> users = new ArrayList<>();
        synchronized (store) {
            for (String ref : store.assetIndex.refs(id)) {
                String key = ref.substring(2);
                if (ref.startsWith("s:")) {
                    users.add("session '" + store.summaries.name(SessionId.of(key)) + "'");
                } else {
                    users.add(SessionStore.UNTITLED.equals(key) ? "the untitled draft" : "the draft of '" + store.summaries.name(SessionId.of(key)) + "'");
                }
            }
        }
        return users.isEmpty() ? "nothing" : String.join(", ", users);
    }
}
