package dev.encore.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.AssetId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotCodecTest {
    private static final AssetId PCM = AssetId.of("00000000000000000000000000000001");
    private static final AssetId VOX = AssetId.of("00000000000000000000000000000002");

    private static Snapshot sample() {
        Track t = new Track("t1", null, PCM, Map.of("vocals", VOX), new Trim(0.5, 2), "song.wav", 48_000, 2, 144_000, true);
        return new Snapshot(Map.of("/gain", DoubleNode.valueOf(0.5), "/label", TextNode.valueOf("Intro")), "demo",
                java.util.List.of(t), new StemOverlay(SourceMode.VOCALS, Map.of("vocals", 0.8)));
    }

    @Test
    void aSnapshotSurvivesTheRoundTrip() {
        Snapshot s = sample();
        assertEquals(s, SnapshotCodec.decode(SnapshotCodec.encode(s), "test"));
    }

    @Test
    void theDocumentHasTheSchemaVersionTwoLayout() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode expected = (ObjectNode) json.readTree("""
                {"params":{"/gain":0.5,"/label":"Intro"},"fixture":"demo",
                 "tracks":[{"id":"t1","original":null,"pcm":"00000000000000000000000000000001",
                   "stems":{"vocals":"00000000000000000000000000000002"},
                   "trim":{"startSeconds":0.5,"endSeconds":2.0},"fileName":"song.wav",
                   "sampleRate":48000,"channels":2,"frames":144000,"restored":true}],
                 "stems":{"mode":"vocals","levels":{"vocals":0.8}}}
                """);
        String written = json.writeValueAsString(SnapshotCodec.encode(sample()));
        assertEquals(expected, json.readTree(written));
    }

    @Test
    void anUnreadableDocumentIsReportedAsADamagedStore() {
        ObjectNode bad = new ObjectMapper().createObjectNode().put("tracks", "not a list");
        EncoreException e = assertThrows(EncoreException.class, () -> SnapshotCodec.decode(bad, "session 'x'"));
        assertEquals(Reason.STORE_DAMAGED, e.reason());
    }
}
