package dev.encore.control.map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML file read as a Jackson tree plus the line and column of every key and value, keyed by
 * JSON pointer ({@code /midi/controllers/0/bindings/2/note}), so that checks made after parsing
 * can still say where the user has to look.
 */
final class YamlDocument {
    private final String source;
    private final JsonNode root;
    private final Map<String, int[]> locations;

    private YamlDocument(String source, JsonNode root, Map<String, int[]> locations) {
        this.source = source;
        this.root = root;
        this.locations = locations;
    }

    /** Parses text; syntax errors and duplicate keys surface as Jackson's exception with its location. */
    static YamlDocument parse(ObjectMapper mapper, String text, String source) throws IOException {
        Map<String, int[]> locations = new HashMap<>();
        YAMLFactory factory = (YAMLFactory) mapper.getFactory();
        try (JsonParser parser = factory.createParser(text)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                JsonLocation at = parser.currentTokenLocation();
                locations.putIfAbsent(pointer, new int[] {at.getLineNr(), at.getColumnNr()});
            }
        }
        JsonNode root = mapper.readTree(text);
        return new YamlDocument(source, root, locations);
    }

    /** The JSON pointer of a key under a parent pointer ('/' and '~' in the key escaped). */
    static String child(String pointer, String key) {
        return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    String source() {
        return source;
    }

    JsonNode root() {
        return root;
    }

    /** A problem at a pointer; an unknown pointer falls back to its nearest parent that has a location. */
    ControlMapProblem problem(String pointer, String message) {
        String at = pointer;
        while (!locations.containsKey(at) && !at.isEmpty()) {
            at = at.substring(0, Math.max(0, at.lastIndexOf('/')));
        }
        int[] lineColumn = locations.getOrDefault(at, new int[] {1, 1});
        return new ControlMapProblem(source, lineColumn[0], lineColumn[1], message);
    }
}
