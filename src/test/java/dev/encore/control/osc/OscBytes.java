package dev.encore.control.osc;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A small OSC 1.0 encoder and decoder written from the spec, so tests do not check the codec with itself. */
final class OscBytes {
    /** A decoded message: address and arguments (Integer, Long, Float, Double, String, Boolean, byte[]). */
    record Msg(String address, List<Object> args) {
        Object arg(int i) {
            return args.get(i);
        }

        Object last() {
            return args.get(args.size() - 1);
        }
    }

    private OscBytes() {
    }

    static byte[] message(String address, Object... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        string(out, address);
        StringBuilder tags = new StringBuilder(",");
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Object arg : args) {
            if (arg instanceof Integer i) {
                tags.append('i');
                data.writeBytes(ByteBuffer.allocate(4).putInt(i).array());
            } else if (arg instanceof Float f) {
                tags.append('f');
                data.writeBytes(ByteBuffer.allocate(4).putFloat(f).array());
            } else if (arg instanceof Long l) {
                tags.append('h');
                data.writeBytes(ByteBuffer.allocate(8).putLong(l).array());
            } else if (arg instanceof Double d) {
                tags.append('d');
                data.writeBytes(ByteBuffer.allocate(8).putDouble(d).array());
            } else if (arg instanceof String s) {
                tags.append('s');
                string(data, s);
            } else if (arg instanceof byte[] b) {
                tags.append('b');
                data.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
                data.writeBytes(b);
                pad(data, b.length);
            } else if (arg instanceof Boolean b) {
                tags.append(b ? 'T' : 'F');
            } else if (arg == null) {
                tags.append('N');
            } else {
                throw new IllegalArgumentException("test encoder cannot write " + arg.getClass());
            }
        }
        string(out, tags.toString());
        out.writeBytes(data.toByteArray());
        return out.toByteArray();
    }

    static byte[] bundle(long ntpTimeTag, byte[]... elements) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        string(out, "#bundle");
        out.writeBytes(ByteBuffer.allocate(8).putLong(ntpTimeTag).array());
        for (byte[] element : elements) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(element.length).array());
            out.writeBytes(element);
        }
        return out.toByteArray();
    }

    /** The NTP time tag (seconds since 1900 and a binary fraction) for an instant. */
    static long ntp(Instant instant) {
        long seconds = instant.getEpochSecond() + 2_208_988_800L;
        long fraction = ((long) instant.getNano() << 32) / 1_000_000_000L;
        return (seconds << 32) | fraction;
    }

    static Msg decode(byte[] packet) {
        ByteBuffer in = ByteBuffer.wrap(packet);
        String address = readString(in);
        String tags = readString(in);
        List<Object> args = new ArrayList<>();
        for (char tag : tags.substring(1).toCharArray()) {
            switch (tag) {
                case 'i' -> args.add(in.getInt());
                case 'f' -> args.add(in.getFloat());
                case 'h' -> args.add(in.getLong());
                case 'd' -> args.add(in.getDouble());
                case 's' -> args.add(readString(in));
                case 'T' -> args.add(true);
                case 'F' -> args.add(false);
                case 'b' -> {
                    byte[] blob = new byte[in.getInt()];
                    in.get(blob);
                    in.position(in.position() + (4 - blob.length % 4) % 4);
                    args.add(blob);
                }
                default -> throw new IllegalArgumentException("test decoder cannot read type " + tag);
            }
        }
        return new Msg(address, args);
    }

    static byte[] slip(byte[] packet) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xC0);
        for (byte b : packet) {
            if (b == (byte) 0xC0) {
                out.write(0xDB);
                out.write(0xDC);
            } else if (b == (byte) 0xDB) {
                out.write(0xDB);
                out.write(0xDD);
            } else {
                out.write(b);
            }
        }
        out.write(0xC0);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(bytes);
        out.write(0);
        pad(out, bytes.length + 1);
    }

    private static void pad(ByteArrayOutputStream out, int written) {
        for (int i = 0; i < (4 - written % 4) % 4; i++) {
            out.write(0);
        }
    }

    private static String readString(ByteBuffer in) {
        int start = in.position();
        int end = start;
        while (in.get(end) != 0) {
            end++;
        }
        String s = new String(in.array(), start, end - start, StandardCharsets.UTF_8);
        in.position(start + ((end - start) / 4 + 1) * 4);
        return s;
    }
}
