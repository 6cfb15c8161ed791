package dev.encore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SessionIdTest {
    @Test
    void onlySixteenLowercaseHexDigitsAreAnId() {
        assertTrue(SessionId.isValid("0123456789abcdef"));
        for (String bad : Arrays.asList(null, "", "0123456789abcde", "0123456789abcdef0", "0123456789ABCDEF", "0123456789abcdeg",
                "0123456789abcde/", "0123456789abcde:", "0123456789abcde`", " 123456789abcdef", "0123456789abcd\u00e9f")) {
            assertFalse(SessionId.isValid(bad), "'" + bad + "'");
        }
        EncoreException e = assertThrows(EncoreException.class, () -> SessionId.of("0123456789ABCDEF"));
        assertEquals(Reason.BAD_ARGUMENTS, e.reason());
        assertTrue(e.getMessage().contains("16 lowercase hex digits"), e.getMessage());
    }

    @Test
    void newIdsAreValidAndDifferent() {
        SessionId a = SessionId.random();
        SessionId b = SessionId.random();
        assertTrue(SessionId.isValid(a.value()));
        assertNotEquals(a, b);
    }
}
