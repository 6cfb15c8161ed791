package dev.encore.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An extra OSC message osc-map.yaml asks for on a push, for controllers that cannot read Encore's
 * own addresses (a TouchOSC LED, a label). {@code when} limits it to one state, action, task or
 * name; arguments may hold placeholders such as {@code "{name}"}, optionally typed:
 * {@code "{armed:f}"} sends a float (TouchOSC LEDs want 0.0..1.0), {@code :i} an int, {@code :s} text.
 */
public record FeedbackLine(FeedbackTrigger event, String when, String address, List<Object> args) {
    /** A placeholder in an argument: {@code {name}}, or typed {@code {name:f}}; group 1 is the name, group 2 the type. */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)(?::([fis]))?}");

    public FeedbackLine {
        args = Commands.oscValues(args);
    }

    /** True when this line applies to an event with these values (its {@code when} filter matches). */
    public boolean appliesTo(FeedbackTrigger happened, Map<String, Object> values) {
        if (happened != event) {
            return false;
        }
        if (when == null || event.whenField() == null) {
            return true;
        }
        return when.equals(String.valueOf(values.get(event.whenField())));
    }

    /**
     * The arguments with placeholders filled in. An argument that is exactly one placeholder keeps
     * the value's type (a position stays an int); placeholders inside longer text become text.
     */
    public List<Object> render(Map<String, Object> values) {
        List<Object> rendered = new ArrayList<>(args.size());
        for (Object arg : args) {
            rendered.add(arg instanceof String text ? fill(text, values) : arg);
        }
        return rendered;
    }

    private static Object typed(Object value, String type) {
        if (type == null) {
            return value;
        }
        return switch (type) {
            case "f" -> value instanceof Number n ? (Object) n.floatValue() : Float.valueOf(String.valueOf(value));
            case "i" -> value instanceof Number n ? (Object) (int) Math.round(n.doubleValue())
                    : Integer.valueOf(String.valueOf(value));
            default -> String.valueOf(value);
        };
    }

    private static Object fill(String text, Map<String, Object> values) {
        Matcher whole = PLACEHOLDER.matcher(text);
        if (whole.matches() && values.get(whole.group(1)) != null) {
            return typed(values.get(whole.group(1)), whole.group(2));
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
