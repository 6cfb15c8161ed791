package dev.encore.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

/** Small builders the store tests share: snapshot documents, audio bytes, folder sizes. */
final class StoreFixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    private StoreFixtures() {
    }

    /** A snapshot document shaped like the session package writes, with one track on the given assets. */
    static ObjectNode snapshot(double gain, String fixture, AssetId original, AssetId pcm, AssetId vocals, AssetId instruments) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode s = f.objectNode();
        ObjectNode params = s.putObject("params");
        params.put("mixer/gain", gain);
        params.put("scene/name", "verse");
        params.putArray("xy/pad").add(0.25).add(0.75);
        s.put("fixture", fixture);
        if (pcm != null) {
            ObjectNode t = s.putArray("tracks").addObject();
            t.put("id", "t-1");
            t.put("original", original.hex());
            t.put("pcm", pcm.hex());
            ObjectNode stems = t.putObject("stems");
            if (vocals != null) {
                stems.put("instruments", instruments.hex());
                stems.put("vocals", vocals.hex());
            }
            ObjectNode trim = t.putObject("trim");
            trim.put("startSeconds", 1.5);
            trim.put("endSeconds", 42.25);
            t.put("fileName", "Intro (live).wav");
            t.put("sampleRate", 48000);
            t.put("channels", 2);
            t.put("frames", 2_400_000L);
            t.put("restored", false);
        } else {
            s.putArray("tracks");
        }
        ObjectNode overlay = s.putObject("stems");
        overlay.put("mode", vocals != null ? "vocals" : "full");
        overlay.putObject("levels").put("vocals", 0.8).put("instruments", 0.5);
        return s;
    }

    /**
     * Documents are equal when they hold the same values: CBOR gives back the smallest integer node
     * type for a number (IntNode for a LongNode that fits), which is not a difference in content.
     */
    static void assertSameSession(StoredSession expected, StoredSession actual) {
        org.junit.jupiter.api.Assertions.assertEquals(
                new StoredSession(expected.id(), expected.name(), expected.created(), expected.updated(), expected.schemaVersion(), expected.assets(), null),
                new StoredSession(actual.id(), actual.name(), actual.created(), actual.updated(), actual.schemaVersion(), actual.assets(), null));
        assertSameDocument(expected.snapshot(), actual.snapshot());
    }

    static void assertSameDocument(com.fasterxml.jackson.databind.JsonNode expected, com.fasterxml.jackson.databind.JsonNode actual) {
        java.util.Comparator<com.fasterxml.jackson.databind.JsonNode> byValue = (a, b) -> {
            if (a.isNumber() && b.isNumber()) {
                return a.decimalValue().compareTo(b.decimalValue());
            }
            return a.equals(b) ? 0 : 1;
        };
        org.junit.jupiter.api.Assertions.assertTrue(expected.equals(byValue, actual),
                () -> "documents differ:\n expected " + expected + "\n actual   " + actual);
    }

    static ObjectNode params(double gain) {
        return snapshot(gain, "demo-1", null, null, null, null);
    }

    static byte[] randomBytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static long folderBytes(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
