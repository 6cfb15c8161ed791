package dev.encore.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encore.feedback.Status;
import java.util.List;
import java.util.Map;

/**
 * Everything in the live state and the setlist a controller needs to redraw itself after
 * {@code /encore/sync}: status, the active session and its position, the setlist, each live track,
 * the selected fixture, the stem overlay and every parameter.
 *
 * @param status the status last shown
 * @param dirty whether the live state differs from the stored session
 * @param session the active session's name, empty for none
 * @param position its 1-based setlist position, 0 for none
 * @param setlist every stored session in order
 * @param tracks each live track, in order
 * @param fixture the selected fixture's id, or null for none
 * @param stems the stem overlay: source mode and stem levels
 * @param params every parameter's path and value
 */
public record SyncReport(
        Status status, boolean dirty, String session, int position, List<SetlistEntry> setlist,
        List<TrackState> tracks, String fixture, StemOverlay stems, Map<String, JsonNode> params) {

    /**
     * One live track as a controller shows it.
     *
     * @param id the track's stable id
     * @param fileName the original file's name
     * @param trimStartSeconds where playing starts
     * @param trimEndSeconds where playing ends (the length when untrimmed)
     * @param lengthSeconds the decoded audio's length
     * @param stemsReady true when its stems are extracted (or came from the cache)
     */
    public record TrackState(String id, String fileName, double trimStartSeconds, double trimEndSeconds,
            double lengthSeconds, boolean stemsReady) {
        static TrackState of(Track t) {
            double length = t.durationSeconds();
            Trim trim = t.trim();
            return new TrackState(t.id(), t.fileName(), trim == null ? 0 : trim.startSeconds(),
                    trim == null ? length : trim.endSeconds(), length, !t.stems().isEmpty());
        }
    }
}
