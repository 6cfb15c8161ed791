package dev.encore.control;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.util.List;

/**
 * The arguments of one command, read by position with the type docs/protocol.md gives them. Any mismatch
 * is a BAD_ARGUMENTS error naming the address, the arguments it takes and what was received.
 */
final class Arguments {
    private static final int SHOWN_TEXT_CHARS = 40;

    private final String address;
    private final List<Object> args;
    private final String usage;

    Arguments(String address, List<Object> args, String usage) {
        this.address = address;
        this.args = args;
        this.usage = usage;
    }

    int size() {
        return args.size();
    }

    /** Fails unless there are between {@code min} and {@code max} arguments. */
    Arguments count(int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw bad();
        }
        return this;
    }

    boolean isText(int i) {
        return i < args.size() && args.get(i) instanceof String;
    }

    String text(int i) {
        if (!isText(i)) {
            throw bad();
        }
        return (String) args.get(i);
    }

    String optionalText(int i) {
        return i < args.size() ? text(i) : null;
    }

    /** A whole number: an OSC int or int64, or a float holding a whole number (TouchOSC sends floats). */
    int whole(int i) {
        if (i < args.size() && args.get(i) instanceof Number n) {
            double value = n.doubleValue();
            if (value == Math.rint(value) && Math.abs(value) <= Integer.MAX_VALUE) {
                return (int) value;
            }
        }
        throw bad();
    }

    double decimal(int i) {
        if (i < args.size() && args.get(i) instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw bad();
    }

    Double optionalDecimal(int i) {
        return i < args.size() ? decimal(i) : null;
    }

    EncoreException bad() {
        return new EncoreException(Reason.BAD_ARGUMENTS, address + " takes " + usage + "; got " + describe(args) + ".");
    }

    static String describe(List<Object> args) {
        if (args.isEmpty()) {
            return "no arguments";
        }
        StringBuilder text = new StringBuilder();
        for (Object arg : args) {
            text.append(text.length() == 0 ? "" : " ").append(describe(arg));
        }
        return text.toString();
    }

    private static String describe(Object arg) {
        if (arg instanceof String s) {
            return "s:\"" + (s.length() > SHOWN_TEXT_CHARS ? s.substring(0, SHOWN_TEXT_CHARS) + "..." : s) + "\"";
        } else if (arg instanceof Integer || arg instanceof Long) {
            return "i:" + arg;
        } else if (arg instanceof Float || arg instanceof Double) {
            return "f:" + arg;
        } else if (arg instanceof Boolean b) {
            return b ? "T" : "F";
        } else if (arg instanceof byte[] bytes) {
            return "b:" + bytes.length + " bytes";
        }
        return String.valueOf(arg);
    }
}
