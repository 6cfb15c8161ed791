package dev.encore.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.encore.EncoreException;
import org.junit.jupiter.api.Test;

class SessionNamesTest {
    @Test
    void emojiJoinedIntoOneSymbolAreAllowedButAJoinerBetweenLettersIsNot() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 night";
        assertEquals(family, SessionNames.clean(family, "/encore/save"));
        String heartOnFire = "\u2764\uFE0F\u200D\uD83D\uDD25";
        assertEquals(heartOnFire, SessionNames.clean(heartOnFire, "/encore/save"));
        EncoreException e = assertThrows(EncoreException.class, () -> SessionNames.clean("ab\u200Dc", "/encore/save"));
        assertEquals(true, e.getMessage().contains("U+200D"), e.getMessage());
    }

    @Test
    void fittingAStemNeverCutsACharacterInHalf() {
        String stem = "\uD83C\uDFB8".repeat(100);
        String fitted = SessionNames.fit(stem, " copy", 2);
        assertEquals(100, fitted.codePointCount(0, fitted.length()) + 3);
        assertEquals(true, fitted.endsWith("\uD83C\uDFB8 copy"), fitted);
    }

    @Test
    void keysFoldLookalikesCaseAndSpaces() {
        assertEquals(SessionNames.key("My Song"), SessionNames.key("\uFF4D\uFF59\u00A0\u00A0song"));
    }
}
