package dev.encore.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encore.feedback.Status;
import dev.encore.store.SessionSummary;
import java.util.List;
import java.util.Map;

/** The full state a controller needs to redraw itself after {@code /encore/sync}. */
public record SyncReport(
        Status status, boolean dirty, String session, int position, List<SessionSummary> setlist,
        Map<String, JsonNode> params) {
}
