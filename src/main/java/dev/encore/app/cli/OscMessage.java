package dev.encore.app.cli;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One OSC 1.0 message as {@code send} writes and reads it: an address and int32, float32, string,
 * int64, float64, true and false arguments (a blob is read as its length only).
 */
record OscMessage(String address, List<Object> args) {
    OscMessage {
        args = List.copyOf(args);
    }

    /**
     * Reads an argument as typed on the command line: {@code i:5}, {@code f:0.5}, {@code s:text},
     * {@code h:}, {@code d:}, {@code T}, {@code F} say the type; otherwise a whole number is an int32,
     * a decimal number a float32 and anything else a string.
     */
    static Object argument(String typed) {
        if (typed.length() >= 2 && typed.charAt(1) == ':') {
            String v = typed.substring(2);
            switch (typed.charAt(0)) {
                case 'i' -> {
                    return Integer.parseInt(v);
                }
                case 'f' -> {
                    return Float.parseFloat(v);
                }
                case 'h' -> {
                    return Long.parseLong(v);
                }
                case 'd' -> {
                    return Double.parseDouble(v);
                }
                case 's' -> {
                    return v;
                }
                default -> {
                    // not a type prefix: an ordinary string such as "x:y"
                }
            }
        }
        if (typed.equals("T") || typed.equals("F")) {
            return typed.equals("T");
        }
        if (typed.matches("-?\\d{1,9}")) {
            return Integer.parseInt(typed);
        }
        if (typed.matches("-?(\\d+\\.\\d*|\\.\\d+)([eE]-?\\d+)?")) {
            return Float.parseFloat(typed);
        }
        return typed;
    }

    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(65_536);
        putString(out, address);
        StringBuilder tags = new StringBuilder(",");
        for (Object a : args) {
            tags.append(a instanceof Integer ? 'i' : a instanceof Float ? 'f' : a instanceof Long ? 'h' : a instanceof Double ? 'd'
                    : Boolean.TRUE.equals(a) ? 'T' : Boolean.FALSE.equals(a) ? 'F' : 's');
        }
        putString(out, tags.toString());
        for (Object a : args) {
            if (a instanceof Integer i) {
                out.putInt(i);
            } else if (a instanceof Float f) {
                out.putFloat(f);
            } else if (a instanceof Long l) {
                out.putLong(l);
            } else if (a instanceof Double d) {
                out.putDouble(d);
            } else if (!(a instanceof Boolean)) {
                putString(out, a.toString());
            }
        }
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    /** Decodes one message; a bundle or anything unreadable gives {@code null}. */
    static OscMessage decode(byte[] packet) {
        try {
            ByteBuffer in = ByteBuffer.wrap(packet);
            String address = getString(in);
            if (!address.startsWith("/")) {
                return null;
            }
            String tags = in.hasRemaining() ? getString(in) : ",";
            List<Object> args = new ArrayList<>();
            for (char tag : tags.substring(1).toCharArray()) {
                switch (tag) {
                    case 'i' -> args.add(in.getInt());
                    case 'f' -> args.add(in.getFloat());
                    case 's', 'S' -> args.add(getString(in));
                    case 'h' -> args.add(in.getLong());
                    case 'd' -> args.add(in.getDouble());
                    case 'T' -> args.add(true);
                    case 'F' -> args.add(false);
                    case 'b' -> {
                        int n = in.getInt();
                        in.position(in.position() + ((n + 3) & ~3));
                        args.add("(" + n + " bytes)");
                    }
                    default -> {
                        return null;
                    }
                }
            }
            return new OscMessage(address, args);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(address);
        args.forEach(a -> s.append(' ').append(a));
        return s.toString();
    }

    private static void putString(ByteBuffer out, String s) {
        out.put(s.getBytes(StandardCharsets.UTF_8)).put((byte) 0);
        while (out.position() % 4 != 0) {
            out.put((byte) 0);
        }
    }

    private static String getString(ByteBuffer in) {
        int start = in.position();
        int end = start;
        while (in.get(end) != 0) {
            end++;
        }
        String s = new String(in.array(), start, end - start, StandardCharsets.UTF_8);
        in.position((end + 4) & ~3);
        return s;
    }
}
