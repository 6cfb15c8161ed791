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
    private static final SecureRandom RANDOM = new SecureRandom();

    public SessionId {
        if (value == null || !value.matches("[0-9a-f]{16}")) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "Not a session id: '" + value + "' (expected 16 lowercase hex digits).");
        }
    }

    @JsonCreator
    public static SessionId of(String value) {
        return new SessionId(value);
    }

    public static SessionId random() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return new SessionId(HexFormat.of().formatHex(b));
    }

    public static boolean isValid(String s) {
        return s != null && s.matches("[0-9a-f]{16}");
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
