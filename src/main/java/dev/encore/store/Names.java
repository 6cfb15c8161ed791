package dev.encore.store;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Session names as a performer types them on a phone or a laptop: trimmed and Unicode NFC
 * normalised (so "Café" typed two ways is one name), unique ignoring case.
 */
final class Names {
    static final int MAX_LENGTH = 200;

    private Names() {
    }

    /** The name as stored and shown. */
    static String clean(String raw) {
        if (raw == null) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "A session name is required.");
        }
        String name = (ascii(raw) ? raw : Normalizer.normalize(raw, Normalizer.Form.NFC)).strip();
        if (name.isEmpty()) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "A session name cannot be empty or only spaces.");
        }
        if (name.length() > MAX_LENGTH) {
            throw new EncoreException(Reason.BAD_ARGUMENTS,
                    "A session name can have at most " + MAX_LENGTH + " characters (this one has " + name.length() + ").");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new EncoreException(Reason.BAD_ARGUMENTS, "A session name cannot contain control characters.");
            }
        }
        return name;
    }

    /** ASCII text is already NFC: most names skip loading the normaliser's tables at start-up. */
    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The key two names share exactly when they are the same name ignoring case. */
    static String key(String raw) {
        return clean(raw).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
}
