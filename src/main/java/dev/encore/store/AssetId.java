package dev.encore.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.encore.EncoreException;
import dev.encore.Reason;

/**
 * The name of one immutable piece of audio in the blob store: the 128-bit content hash of its
 * bytes as 32 lowercase hex digits. Equal bytes always get the same id, so audio is stored once.
 */
public record AssetId(String hex) implements Comparable<AssetId> {
    public static final int HEX_LENGTH = 32;

    public AssetId {
        if (hex == null || hex.length() != HEX_LENGTH || !isLowerHex(hex)) {
            throw new EncoreException(Reason.BAD_ARGUMENTS,
                    "Not an asset id: '" + hex + "' (expected " + HEX_LENGTH + " lowercase hex digits).");
        }
    }

    @JsonCreator
    public static AssetId of(String hex) {
        return new AssetId(hex);
    }

    /** True when {@code s} has the form of an asset id; used to tell blob files from strays. */
    public static boolean isValid(String s) {
        return s != null && s.length() == HEX_LENGTH && isLowerHex(s);
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(AssetId o) {
        return hex.compareTo(o.hex);
    }

    @JsonValue
    @Override
    public String toString() {
        return hex;
    }
}
