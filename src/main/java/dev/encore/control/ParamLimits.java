package dev.encore.control;

import java.util.List;

/** How much a parameter value weighs against {@code session.max_param_value_bytes}: its bytes as OSC carries them. */
final class ParamLimits {
    private ParamLimits() {
    }

    /** Text counts its UTF-8 bytes, a blob its length, every other value 8 bytes. */
    static long valueBytes(List<Object> args) {
        long bytes = 0;
        for (Object arg : args) {
            if (arg instanceof String s) {
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
                }
            } else if (arg instanceof byte[] b) {
                bytes += b.length;
            } else {
                bytes += 8;
            }
        }
        return bytes;
    }
}
