package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.SessionId;
import dev.encore.store.SessionSummary;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule for session names, applied to every name a controller or host gives before the store
 * sees it. A name is 1 to {@value #MAX_CODE_POINTS} characters counted as Unicode code points (an
 * emoji is one, whatever its UTF-16 length), with no control, invisible or text-direction
 * characters. Two names are the same name when they look the same: compared after NFKC folding
 * (fullwidth letters, no-break spaces), ignoring case and runs of spaces.
 */
final class SessionNames {
    /** At most two UTF-16 units each, so a name always fits the store's own 200-unit limit. */
    static final int MAX_CODE_POINTS = 100;
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private SessionNames() {
    }

    /**
     * The name as stored and shown: NFC, spaces of every kind made plain spaces, trimmed.
     *
     * @throws EncoreException BAD_ARGUMENTS saying what is wrong and what to send instead
     */
    static String clean(String raw, String command) {
        if (raw == null || raw.isBlank() || raw.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "A session name cannot be empty or only spaces; send "
                    + command + " with the name you want" + (command.endsWith("rename") ? "." : ", or with no name for an automatic one."));
        }
        StringBuilder name = new StringBuilder();
        int previous = 0;
        for (int c : Normalizer.normalize(raw, Normalizer.Form.NFC).codePoints().toArray()) {
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                throw refused(raw, c, "a control character");
            }
            if (type == Character.FORMAT && !(c == ZERO_WIDTH_JOINER && type(previous) == Character.OTHER_SYMBOL)) {
                throw refused(raw, c, "an invisible or text-direction character, which would let two names look the same");
            }
            name.appendCodePoint(type == Character.SPACE_SEPARATOR ? ' ' : c);
            // A joiner is allowed only inside an emoji sequence; skin tones and variation selectors belong to the emoji before them.
            boolean modifier = type == Character.NON_SPACING_MARK || type == Character.MODIFIER_SYMBOL
                    || type == Character.ENCLOSING_MARK;
            previous = c == ZERO_WIDTH_JOINER ? 0 : modifier ? previous : c;
        }
        String cleaned = name.toString().strip();
        int length = cleaned.codePointCount(0, cleaned.length());
        if (length > MAX_CODE_POINTS) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "A session name can have at most " + MAX_CODE_POINTS
                    + " characters; this one has " + length + ". Send a shorter name.");
        }
        return cleaned;
    }

    /** What two names share exactly when they look like the same name; never throws. */
    static String key(String name) {
        String folded = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKC);
        StringBuilder key = new StringBuilder();
        folded.codePoints().filter(c -> Character.getType(c) != Character.FORMAT)
                .map(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) ? ' ' : c)
                .forEach(key::appendCodePoint);
        return key.toString().strip().replaceAll(" +", " ").toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** The stored session whose name looks like {@code name}, other than {@code except}. */
    static Optional<SessionSummary> find(List<SessionSummary> sessions, String name, SessionId except) {
        String wanted = key(name);
        return sessions.stream().filter(s -> !s.id().equals(except) && key(s.name()).equals(wanted)).findFirst();
    }

    /**
     * {@code stem}, cut so that the stem, {@code suffix} and a number of up to {@code digits} digits
     * fit the length limit; cut at a code point, never inside one.
     */
    static String fit(String stem, String suffix, int digits) {
        int room = MAX_CODE_POINTS - suffix.codePointCount(0, suffix.length()) - (digits == 0 ? 0 : digits + 1);
        if (stem.codePointCount(0, stem.length()) <= room) {
            return stem + suffix;
        }
        return stem.substring(0, stem.offsetByCodePoints(0, room)).strip() + suffix;
    }

    private static int type(int c) {
        return c == 0 ? -1 : Character.getType(c);
    }

    private static EncoreException refused(String raw, int c, String what) {
        return new EncoreException(Reason.BAD_ARGUMENTS, String.format("Session name '%s' contains %s (U+%04X);"
                + " type the name again without it.", visible(raw), what, c));
    }

    /** The name with control and invisible characters shown as U+XXXX, so an error message cannot be reordered by them. */
    static String visible(String raw) {
        StringBuilder out = new StringBuilder();
        raw.codePoints().limit(MAX_CODE_POINTS).forEach(c -> {
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("<U+%04X>", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
