package dev.encore.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The 64-bit fingerprint that tells whether the live state still equals the stored session
 * without serializing anything: the wrapping sum of one hash per parameter entry plus one hash of
 * the fixture, tracks and stem overlay. A sum does not depend on order, so one parameter change
 * updates it in O(1) by adding {@code newHash - oldHash}. Equal fingerprints can still collide,
 * which is why the engine confirms exact equality before it reports {@code saved}.
 */
public final class Signature {
    /** The entry hash of an absent parameter: absent entries add nothing to the sum. */
    static final long ABSENT = 0L;

    private Signature() {
    }

    /**
     * The fingerprint of a whole snapshot, equal to what the live state keeps incrementally.
     *
     * @param snapshot the snapshot
     * @return its 64-bit signature
     */
    public static long of(Snapshot snapshot) {
        long sum = 0;
        for (Map.Entry<String, JsonNode> e : snapshot.params().entrySet()) {
            sum += param(path(e.getKey()), e.getValue());
        }
        return sum + scene(snapshot.fixture(), snapshot.tracks(), snapshot.stems());
    }

    /** A path's own 64-bit hash, computed once when a parameter slot is created. */
    static long path(String path) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < path.length(); i++) {
            h = (h ^ path.charAt(i)) * 0x100000001b3L;
        }
        return mix(h);
    }

    /** The entry hash of a numeric parameter, from its path hash and its value's canonical bits. */
    static long numeric(long pathHash, long valueBits) {
        return mix(pathHash ^ mix(valueBits + 0x9e3779b97f4a7c15L)) | 1L;
    }

    /** The entry hash of any parameter value; numbers hash as their double value, like numeric slots. */
    static long param(long pathHash, JsonNode value) {
        if (value == null) {
            return ABSENT;
        }
        if (value.isNumber()) {
            return numeric(pathHash, Double.doubleToLongBits(value.doubleValue()));
        }
        return mix(pathHash + 0x632be59bd9b4e019L * node(value)) | 1L;
    }

    /** The hash of the non-parameter part of a snapshot. */
    static long scene(String fixture, List<Track> tracks, StemOverlay stems) {
        long h = mix(Objects.hashCode(fixture) + 0x2545f4914f6cdd1dL);
        for (Track t : tracks) {
            h = mix(h * 31 + t.hashCode());
        }
        return mix(h ^ mix(stems.mode().ordinal() * 0x5851f42d4c957f2dL + stems.levels().hashCode()));
    }

    private static long node(JsonNode n) {
        if (n.isNumber()) {
            return mix(Double.doubleToLongBits(n.doubleValue()));
        }
        if (n.isTextual()) {
            return mix(path(n.textValue()) + 1);
        }
        if (n.isBoolean()) {
            return n.booleanValue() ? 0x1234567L : 0x7654321L;
        }
        if (n.isArray()) {
            long h = 0x51;
            for (JsonNode child : n) {
                h = mix(h * 31 + node(child));
            }
            return h;
        }
        if (n.isObject()) {
            long h = 0x0b;
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                h += mix(path(e.getKey()) ^ node(e.getValue()));
            }
            return h;
        }
        return 0x7f;
    }

    /** A strong 64-bit finalizer (from SplitMix64): every input bit affects every output bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
