package dev.encore.control.map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.control.ControlMap;
import dev.encore.control.FeedbackLine;
import dev.encore.control.MidiController;
import dev.encore.control.MidiSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads osc-map.yaml and the preset files it includes into a {@link ControlMap}: YAML syntax, then
 * shape (unknown keys, types), then binding with Jackson, then the stage rules of
 * {@link ControlMapValidator}. Every problem found is reported at once, each with file and line.
 */
public final class ControlMapReader {
    static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

    private static final String RESOURCE = "/dev/encore/control/" + ControlMap.FILE_NAME;

    /** A map (null when it has problems) and every problem found. */
    public record Outcome(ControlMap map, List<ControlMapProblem> problems) {
        public Outcome {
            problems = List.copyOf(problems);
        }
    }

    private ControlMapReader() {
    }

    private static ControlMap defaults;

    /**
     * The map file a command means: {@code given} (a {@code --map}) when set, else the
     * {@code osc-map.yaml} in {@code folder} when there is one, else null for the built-in map.
     */
    public static Path locate(Path given, Path folder) {
        if (given != null) {
            return given;
        }
        Path beside = folder.resolve(ControlMap.FILE_NAME);
        return Files.isRegularFile(beside) ? beside : null;
    }

    /**
     * Reads, merges (its {@code include} files) and validates a map.
     *
     * @throws EncoreException BAD_CONFIG listing every problem by file, line and fix
     */
    public static ControlMap load(Path file) {
        return orThrow(read(file), file.getFileName().toString());
    }

    /** The map shipped with Encore (a copy of the repository's osc-map.yaml), read once. */
    public static synchronized ControlMap defaults() {
        if (defaults == null) {
            defaults = loadDefaults();
        }
        return defaults;
    }

    private static ControlMap loadDefaults() {
        try (InputStream in = ControlMapReader.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new EncoreException(Reason.GENERAL, "the default " + RESOURCE + " is missing from the jar");
            }
            return orThrow(read(new String(in.readAllBytes(), StandardCharsets.UTF_8), ControlMap.FILE_NAME, null),
                    ControlMap.FILE_NAME);
        } catch (IOException e) {
            throw new EncoreException(Reason.GENERAL, "cannot read the default " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Reads a map file; files it includes are resolved against its folder. */
    public static Outcome read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EncoreException(Reason.BAD_CONFIG, "cannot read " + file.toAbsolutePath()
                    + " (" + e.getMessage() + "); pass the path of an existing, readable osc-map.yaml", e);
        }
        Path folder = file.toAbsolutePath().getParent();
        return read(text, file.getFileName().toString(), folder);
    }

    /** Reads map text named {@code source} in messages; {@code folder} resolves includes (null: none allowed). */
    public static Outcome read(String text, String source, Path folder) {
        List<ControlMapProblem> problems = new ArrayList<>();
        Parsed main = parse(text, source, problems);
        if (main == null) {
            return new Outcome(null, problems);
        }
        List<MidiController> controllers = new ArrayList<>(main.map.midi().controllers());
        List<FeedbackLine> feedback = new ArrayList<>(main.map.feedback());
        Map<String, List<String>> renames = new LinkedHashMap<>(main.map.addresses());
        for (int i = 0; i < main.map.include().size(); i++) {
            Parsed part = readInclude(main, i, folder, problems);
            if (part != null) {
                controllers.addAll(part.map.midi().controllers());
                feedback.addAll(part.map.feedback());
                part.map.addresses().forEach((name, aliases) -> renames.merge(name, aliases,
                        (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().toList()));
            }
        }
        return new Outcome(problems.isEmpty() ? merged(main.map, renames, controllers, feedback) : null, problems);
    }

    private static ControlMap merged(ControlMap map, Map<String, List<String>> renames, List<MidiController> controllers,
            List<FeedbackLine> lines) {
        MidiSettings midi = map.midi();
        return new ControlMap(map.include(), map.osc(), map.session(), map.media(), map.audio(), renames, lines,
                new MidiSettings(midi.longPressMs(), midi.doublePressMs(), midi.ccThreshold(), midi.rescanMs(), controllers),
                map.mirror());
    }

    private record Parsed(YamlDocument document, ControlMap map) {
    }

    private static Parsed readInclude(Parsed main, int index, Path folder, List<ControlMapProblem> problems) {
        String entry = main.map.include().get(index);
        String pointer = "/include/" + index;
        if (folder == null) {
            problems.add(main.document.problem(pointer, "include '" + entry
                    + "' cannot be resolved here; copy the preset's controllers into the map instead"));
            return null;
        }
        Path file = folder.resolve(entry).normalize();
        if (!Files.isRegularFile(file)) {
            problems.add(main.document.problem(pointer, "included file '" + entry + "' not found at " + file
                    + "; write a path relative to the folder of " + main.document.source()
                    + ", for example presets/apc-mini-mk2.yaml"));
            return null;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(main.document.problem(pointer, "cannot read included file " + file + ": " + e.getMessage()));
            return null;
        }
        Parsed part = parse(text, entry, problems);
        if (part != null) {
            checkIncludeOnlyAddsControllers(part.document, problems);
        }
        return part;
    }

    private static void checkIncludeOnlyAddsControllers(YamlDocument document, List<ControlMapProblem> problems) {
        JsonNode root = document.root();
        if (root == null || !root.isObject()) {
            return;
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (key.equals("midi")) {
                root.get("midi").fieldNames().forEachRemaining(midiKey -> {
                    if (!midiKey.equals("controllers")) {
                        problems.add(document.problem("/midi/" + midiKey, "an included file only adds midi.controllers;"
                                + " move 'midi." + midiKey + "' into the main osc-map.yaml"));
                    }
                });
            } else if (!key.equals("feedback") && !key.equals("addresses")) {
                problems.add(document.problem("/" + key, "an included file only adds midi.controllers, feedback and addresses;"
                        + " move '" + key + "' into the main osc-map.yaml"));
            }
        }
    }

    private static Parsed parse(String text, String source, List<ControlMapProblem> problems) {
        YamlDocument document;
        try {
            document = YamlDocument.parse(MAPPER, text, source);
        } catch (JsonProcessingException e) {
            problems.add(syntaxProblem(source, text, e));
            return null;
        } catch (IOException e) {
            problems.add(new ControlMapProblem(source, 1, 1, "cannot read: " + e.getMessage()));
            return null;
        }
        JsonNode root = document.root();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Parsed(document, new ControlMap(null, null, null, null, null, null, null, null, null));
        }
        ControlMapShape.Result shape = ControlMapShape.check(document, ControlMap.class);
        List<ControlMapProblem> found = new ArrayList<>(shape.problems());
        JsonNode usable = withoutBadNodes(root, shape.badPointers());
        ControlMap map = null;
        if (usable != null) {
            try {
                map = MAPPER.treeToValue(usable, ControlMap.class);
            } catch (JsonMappingException e) {
                found.add(document.problem(pointerOf(e), firstLine(e.getOriginalMessage())));
            } catch (JsonProcessingException e) {
                found.add(syntaxProblem(source, text, e));
            }
        }
        if (map != null) {
            for (ControlMapProblem rule : ControlMapValidator.check(map, document)) {
                if (shape.problems().stream().noneMatch(p -> p.line() == rule.line())) {
                    found.add(rule);
                }
            }
        }
        found.sort(java.util.Comparator.comparingInt(ControlMapProblem::line).thenComparingInt(ControlMapProblem::column));
        problems.addAll(found);
        return found.isEmpty() ? new Parsed(document, map) : null;
    }

    /**
     * The tree with every key that failed the shape check removed, so the remaining keys can still
     * be bound and checked; null when a bad node sits in a list (removing it would shift positions).
     */
    private static JsonNode withoutBadNodes(JsonNode root, List<String> badPointers) {
        JsonNode copy = root.deepCopy();
        for (String pointer : badPointers) {
            int slash = pointer.lastIndexOf('/');
            if (slash < 0) {
                return null;
            }
            JsonPointer at = JsonPointer.compile(pointer);
            JsonNode parent = copy.at(at.head());
            if (parent instanceof ObjectNode object) {
                object.remove(at.last().getMatchingProperty());
            } else {
                return null;
            }
        }
        return copy;
    }

    private static ControlMapProblem syntaxProblem(String source, String text, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String original = firstLine(e.getOriginalMessage());
        int tab = text == null ? -1 : text.indexOf('\t');
        String full = String.valueOf(e.getOriginalMessage());
        if (tab >= 0 && (full.contains("\\t") || full.contains("\t") || full.contains("TAB"))) {
            // The parser reports a tab where the token before it started, often the line above.
            int lineStart = text.lastIndexOf('\n', tab) + 1;
            int line = (int) text.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
            return new ControlMapProblem(source, line, tab - lineStart + 1,
                    "a tab character; YAML indents with spaces only: replace the tab with spaces");
        }
        String fix = original.startsWith("Duplicate field")
                ? original.replace("Duplicate field", "key") + " appears twice in the same mapping; keep one"
                : "YAML syntax: " + original + "; indent with spaces (not tabs) and write 'key: value'";
        int line = at == null ? 1 : Math.max(1, at.getLineNr());
        int column = at == null ? 1 : Math.max(1, at.getColumnNr());
        return new ControlMapProblem(source, line, column, fix);
    }

    private static String pointerOf(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            pointer.append('/').append(reference.getFieldName() != null ? reference.getFieldName() : reference.getIndex());
        }
        return pointer.toString();
    }

    private static String firstLine(String message) {
        String text = message == null ? "unreadable" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static ControlMap orThrow(Outcome outcome, String source) {
        if (outcome.problems().isEmpty()) {
            return outcome.map();
        }
        int count = outcome.problems().size();
        StringBuilder message = new StringBuilder(source).append(" has ").append(count)
                .append(count == 1 ? " problem (Encore did not start):" : " problems (Encore did not start):");
        outcome.problems().forEach(p -> message.append("\n  ").append(p));
        throw new EncoreException(Reason.BAD_CONFIG, message.toString());
    }
}
