package dev.encore.control.map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encore.control.Suggestions;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a YAML tree against the shape of the osc-map records before binding: unknown keys (with the
 * nearest known key suggested), mappings where a value is expected and values of the wrong type.
 * It reports every problem, where Jackson's binding stops at the first.
 */
final class ControlMapShape {
    private final YamlDocument document;
    private final List<ControlMapProblem> problems = new ArrayList<>();
    private final List<String> badPointers = new ArrayList<>();

    private ControlMapShape(YamlDocument document) {
        this.document = document;
    }

    /** The problems found and the pointers of the offending nodes. */
    record Result(List<ControlMapProblem> problems, List<String> badPointers) {
    }

    static Result check(YamlDocument document, Class<?> rootType) {
        ControlMapShape shape = new ControlMapShape(document);
        shape.walk(document.root(), rootType, "", "the file");
        return new Result(shape.problems, shape.badPointers);
    }

    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private void walk(JsonNode node, Type type, String pointer, String key) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        Class<?> raw = raw(type);
        if (raw.isRecord()) {
            walkRecord(node, raw, pointer, key);
        } else if (List.class.isAssignableFrom(raw)) {
            Type element = typeArgument(type, 0);
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    if (node.get(i).isNull()) {
                        add(pointer + "/" + i, "an empty entry in '" + key + "'; write a value or remove the line");
                    } else {
                        walk(node.get(i), element, pointer + "/" + i, key);
                    }
                }
            } else {
                walk(node, element, pointer, key);
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            if (!node.isObject()) {
                add(pointer, "'" + key + "' must be a mapping (name: value lines), not " + describe(node));
                return;
            }
            node.fields().forEachRemaining(e -> walk(e.getValue(), typeArgument(type, 1),
                    YamlDocument.child(pointer, e.getKey()), e.getKey()));
        } else if (raw.isEnum()) {
            List<String> names = Arrays.stream(raw.getEnumConstants()).map(Object::toString).toList();
            if (!node.isTextual() || !names.contains(node.asText())) {
                String value = node.isValueNode() ? "'" + node.asText() + "'" : describe(node);
                add(pointer, "unknown value " + value + " for '" + key + "'"
                        + Suggestions.hint(node.asText(), names, "write one of"));
            }
        } else if (raw == Integer.class) {
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                add(pointer, "'" + key + "' must be a whole number, not " + describe(node));
            }
        } else if (raw == Boolean.class) {
            if (!node.isBoolean()) {
                add(pointer, "'" + key + "' must be true or false, not " + describe(node));
            }
        } else if (!node.isValueNode()) {
            add(pointer, "'" + key + "' must be a single value (text or number), not " + describe(node));
        }
    }

    private void walkRecord(JsonNode node, Class<?> raw, String pointer, String key) {
        if (!node.isObject()) {
            add(pointer, "'" + key + "' must be a mapping (key: value lines), not " + describe(node));
            return;
        }
        RecordComponent[] components = raw.getRecordComponents();
        List<String> names = Arrays.stream(components).map(c -> snakeCase(c.getName())).toList();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            int index = names.indexOf(field.getKey());
            String childPointer = YamlDocument.child(pointer, field.getKey());
            if (index < 0) {
                String where = pointer.isEmpty() ? "" : " in '" + key + "'";
                add(childPointer, "unknown key '" + field.getKey() + "'" + where
                        + Suggestions.hint(field.getKey(), names, "known keys"));
            } else {
                walk(field.getValue(), components[index].getGenericType(), childPointer, field.getKey());
            }
        }
    }

    private void add(String pointer, String message) {
        badPointers.add(pointer);
        problems.add(document.problem(pointer, message));
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isTextual() ? "the text '" + node.asText() + "'" : "'" + node.asText() + "'";
    }

    private static Class<?> raw(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return type instanceof Class<?> c ? c : Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }
}
