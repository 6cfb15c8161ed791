package dev.encore.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A session's stable identity: never reused, unchanged by rename, shared by its draft and its
 * manifest file name. Sixteen lowercase hex digits, so it is also a safe file name.
 */
public record SessionId(String value) implements Comparable<SessionId> {
    public SessionId {
        if (!isValid(value)) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "Not a session id: '" + value + "' (expected 16 lowercase hex digits).");
        }
    }

    @JsonCreator
    public static SessionId of(String value) {
        return new SessionId(value);
    }

    public static SessionId random() {
        byte[] b = new byte[8];
        Random.SOURCE.nextBytes(b);
        return new SessionId(HexFormat.of().formatHex(b));
    }

    /** Sixteen lowercase hex digits; checked without a regular expression, as a start reads thousands of ids. */
    public static boolean isValid(String s) {
        if (s == null || s.length() != 16) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Made when the first new id is, not when the class is loaded: a start that only reads ids never seeds it. */
    private static final class Random {
        static final SecureRandom SOURCE = new SecureRandom();
    }

    @Override
    public int compareTo(SessionId o) {
        return value.compareTo(o.value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
