package dev.encore.app;

import static dev.encore.app.DaemonTest.assertError;
import static dev.encore.app.DaemonTest.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.app.OscClient.Message;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One name rule for save, save_copy, rename and open, seen over real UDP. */
class DaemonNamesTest {
    private static final String GUITAR = "\uD83C\uDFB8";

    @TempDir
    Path dir;

    private DaemonStage stage;
    private OscClient osc;

    @BeforeEach
    void start() throws IOException {
        stage = new DaemonStage(dir, DaemonStage.QUIET_MAP);
        osc = stage.client;
    }

    @AfterEach
    void stop() throws IOException {
        stage.close();
    }

    private List<Object> names() throws IOException {
        osc.send("/encore/list");
        List<Message> answer = osc.until(m -> m.address().equals("/encore/reply") && m.arg(0).equals("/encore/list"));
        return answer.stream().filter(m -> m.address().equals("/encore/list/item")).map(m -> m.arg(1)).toList();
    }

    private void saveFirst(String name) throws IOException {
        assertOk(osc.request("/encore/param/mix/gain", 0.5f));
        assertOk(osc.request("/encore/save", name));
    }

    @Test
    void saveWithAnotherNameWhileASessionIsOpenIsRefusedSayingWhatToSendAndLosesNothing() throws IOException {
        saveFirst("One");
        assertOk(osc.request("/encore/param/mix/gain", 0.9f));
        assertError(-2, osc.request("/encore/save", "New name"), "/encore/save_copy s:\"New name\"");
        assertEquals(List.of("One"), names());
        assertOk(osc.request("/encore/save_copy", "New name"));
        assertEquals(List.of("One", "New name"), names());
    }

    @Test
    void saveWithTheOpenSessionsOwnNameSavesIt() throws IOException {
        saveFirst("One");
        assertOk(osc.request("/encore/param/mix/gain", 0.9f));
        Message reply = osc.request("/encore/save", "one");
        assertOk(reply);
        assertTrue(reply.arg(1).toString().contains("Saved 'One'"), reply.toString());
    }

    @Test
    void saveCopyWithAnEmptyOrBlankNameIsRefusedInsteadOfMakingAnAutomaticName() throws IOException {
        saveFirst("X");
        assertError(-2, osc.request("/encore/save_copy", ""), "cannot be empty or only spaces");
        assertError(-2, osc.request("/encore/save_copy", "   "), "or with no name for an automatic one");
        assertEquals(List.of("X"), names());
    }

    @Test
    void renameToSpacesSaysTheNameIsEmpty() throws IOException {
        saveFirst("X");
        Message error = osc.request("/encore/rename", "   ");
        assertError(-2, error, "cannot be empty or only spaces");
        assertTrue(!error.arg(2).toString().contains("control"), error.toString());
    }

    @Test
    void lengthIsCountedInCharactersAPersonSeesSoSixtyOneGuitarsAreAName() throws IOException {
        String guitars = GUITAR.repeat(61);
        saveFirst(guitars);
        assertEquals(List.of(guitars), names());
        assertOk(osc.request("/encore/open", guitars));
        assertError(-2, osc.request("/encore/save_copy", "a".repeat(101)), "at most 100 characters; this one has 101");
        assertError(-2, osc.request("/encore/rename", GUITAR.repeat(101)), "at most 100 characters; this one has 101");
    }

    @Test
    void automaticCopyNamesFitTheLimitAndACopyOfACopyIsNumbered() throws IOException {
        String longest = "b".repeat(100);
        saveFirst(longest);
        assertOk(osc.request("/encore/save_copy"));
        assertOk(osc.request("/encore/save_copy"));
        List<Object> names = names();
        assertEquals(3, names.size(), names.toString());
        for (Object name : names) {
            String text = (String) name;
            assertTrue(text.codePointCount(0, text.length()) <= 100, text.length() + " characters: " + text);
        }
        assertTrue(((String) names.get(1)).endsWith(" copy"), names.toString());
        assertTrue(((String) names.get(2)).endsWith(" copy 2"), "not 'copy copy': " + names);
    }

    @Test
    void invisibleAndTextDirectionCharactersAreRefusedByTheirCodePoint() throws IOException {
        saveFirst("istanbul");
        assertError(-2, osc.request("/encore/save_copy", "istan\u200Bbul"), "U+200B");
        assertError(-2, osc.request("/encore/save_copy", "\uFEFFistanbul"), "U+FEFF");
        assertError(-2, osc.request("/encore/rename", "\u202Elubnatsi"), "U+202E");
        assertEquals(List.of("istanbul"), names());
    }

    @Test
    void namesThatLookTheSameAsAnExistingOneAreTaken() throws IOException {
        saveFirst("my song");
        assertError(-4, osc.request("/encore/save_copy", "\uFF4D\uFF59 song"), "my song");
        assertError(-4, osc.request("/encore/save_copy", "my\u00A0song"), "my song");
        assertError(-4, osc.request("/encore/save_copy", "MY  SONG"), "my song");
        assertEquals(List.of("my song"), names());
        assertOk(osc.request("/encore/open", "\uFF4D\uFF59 song"));
    }
}
