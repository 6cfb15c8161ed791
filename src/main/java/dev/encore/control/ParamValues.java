package dev.encore.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A parameter's value as the live state keeps it (JSON) and as OSC carries it (plain values), in
 * both directions, so {@code /encore/param/<path>} sends back exactly what a controller can set.
 * Decimals go out as 32-bit floats, which every OSC controller reads (TouchOSC ignores doubles);
 * whole numbers too large for a float to hold exactly go out as int64.
 */
public final class ParamValues {
    private static final double FLOAT_EXACT_LIMIT = 1 << 24;
    private static final double LONG_EXACT_LIMIT = 0x1p53;
    private ParamValues() {
    }

    /**
     * The OSC arguments for a value: one per element of a multi-value array, none for null.
     *
     * @param value the parameter's JSON value
     * @return the arguments, as Integer, Long, Float, Double, String, Boolean or byte[]
     */
    public static List<Object> toOsc(JsonNode value) {
        List<Object> args = new ArrayList<>();
        add(args, value);
        return args;
    }

    /**
     * The JSON value for OSC arguments (Integer, Long, Float, Double, String, Boolean, byte[]): a
     * single argument is that value, several are an array.
     *
     * @param args the message's arguments
     * @return the JSON value
     * @throws IllegalArgumentException for an empty list or an argument of another type
     */
    public static JsonNode fromOsc(List<Object> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("a value needs at least one argument");
        }
        if (args.size() == 1) {
            return node(args.get(0));
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode(args.size());
        args.forEach(a -> array.add(node(a)));
        return array;
    }

    private static JsonNode node(Object arg) {
        if (arg instanceof Integer || arg instanceof Long) {
            return LongNode.valueOf(((Number) arg).longValue());
        } else if (arg instanceof Float || arg instanceof Double) {
            return DoubleNode.valueOf(((Number) arg).doubleValue());
        } else if (arg instanceof String s) {
            return TextNode.valueOf(s);
        } else if (arg instanceof Boolean b) {
            return BooleanNode.valueOf(b);
        } else if (arg instanceof byte[] bytes) {
            return BinaryNode.valueOf(bytes.clone());
        }
        throw new IllegalArgumentException("a value cannot be " + (arg == null ? "nil" : arg.getClass().getSimpleName()));
    }

    /**
     * A whole number that a 32-bit float cannot hold exactly (beyond 2^24), such as an int64 a
     * controller sent: it goes back as int64 rather than as a rounded float. Parameters keep numbers
     * as doubles, so whole numbers are exact up to 2^53.
     */
    private static boolean isWholeBeyondFloat(JsonNode value) {
        if (!value.isNumber()) {
            return false;
        }
        double v = value.doubleValue();
        return Math.abs(v) > FLOAT_EXACT_LIMIT && Math.abs(v) <= LONG_EXACT_LIMIT && v == Math.rint(v);
    }

    private static void add(List<Object> args, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        if (value.isArray()) {
            value.forEach(element -> add(args, element));
        } else if (value.isIntegralNumber() && value.canConvertToInt()) {
            args.add(value.intValue());
        } else if (isWholeBeyondFloat(value)) {
            args.add(value.longValue());
        } else if (value.isNumber()) {
            args.add(value.floatValue());
        } else if (value.isBoolean()) {
            args.add(value.booleanValue());
        } else if (value.isBinary()) {
            args.add(((BinaryNode) value).binaryValue());
        } else if (value.isTextual()) {
            args.add(value.textValue());
        } else {
            args.add(value.toString());
        }
    }
}
