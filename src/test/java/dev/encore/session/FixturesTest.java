package dev.encore.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.feedback.Status;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixtures a host declares: listed, selected, saved; an id nobody declared is refused and changes nothing. */
class FixturesTest {
    @TempDir
    Path dir;
    Stage stage;

    @AfterEach
    void close() {
        if (stage != null) {
            stage.close();
        }
    }

    private Stage stage(EngineSettings settings) {
        stage = new Stage(dir.resolve("data"), settings);
        return stage;
    }

    @Test
    void selectingADeclaredFixtureChangesTheLiveSceneAndIsSaved() {
        Stage s = stage(Settings.fixtures("stage-left", "moving-head"));
        s.ok(new Action.SelectFixture("moving-head"));
        assertEquals("moving-head", s.live().scene().fixture());
        s.ok(new Action.Save("Lights"));
        assertEquals("moving-head", SnapshotCodec.decode(
                s.engine.store().findByName("Lights").orElseThrow().snapshot(), "Lights").fixture());
    }

    @Test
    void anUnknownFixtureIsRefusedNamingTheDeclaredOnesAndChangesNothing() {
        Stage s = stage(Settings.fixtures("stage-left", "moving-head"));
        s.ok(new Action.SelectFixture("stage-left"));
        s.ok(new Action.Save("Lights"));
        long version = s.live().version();
        int events = s.sink.events().size();

        Result r = s.run(new Action.SelectFixture("nonsense"));

        Result.Error e = (Result.Error) r;
        assertEquals(Reason.NO_SUCH_FIXTURE, e.reason());
        assertEquals(-18, e.reason().code());
        assertTrue(e.message().contains("'nonsense'") && e.message().contains("stage-left, moving-head"), e.message());
        assertTrue(e.reason().fix().contains("/encore/fixtures") && e.reason().fix().contains("session.fixtures"));
        assertEquals("stage-left", s.live().scene().fixture(), "the selected fixture stays");
        assertEquals(version, s.live().version(), "the live state did not change at all");
        assertEquals(Status.SAVED, s.engine.status(), "a refusal is not an error, and nothing became unsaved");
        assertEquals(events, s.sink.events().size(), "nothing was pushed");
    }

    @Test
    void withNoFixturesDeclaredTheRefusalSaysWhereToDeclareThem() {
        Stage s = stage(EngineSettings.DEFAULTS);
        assertEquals(List.of(), EngineSettings.DEFAULTS.fixtures(), "none are declared by default");
        Result.Error e = (Result.Error) s.run(new Action.SelectFixture("demo-1"));
        assertEquals(Reason.NO_SUCH_FIXTURE, e.reason());
        assertTrue(e.message().contains("No fixtures are declared") && e.message().contains("session.fixtures"), e.message());
        assertNull(s.live().scene().fixture());
    }

    @Test
    void listingGivesTheDeclaredFixturesInOrderAndTheSelectedOne() {
        Stage s = stage(Settings.fixtures("stage-left", "center", "moving-head"));
        Result.Fixtures none = s.answer(new Action.ListFixtures(), Result.Fixtures.class);
        assertEquals(List.of("stage-left", "center", "moving-head"), none.fixtures());
        assertNull(none.selected());
        s.ok(new Action.SelectFixture("center"));
        assertEquals("center", s.answer(new Action.ListFixtures(), Result.Fixtures.class).selected());
    }

    @Test
    void aSessionSavedWithAFixtureNoLongerDeclaredOpensWithItUnchanged() {
        Stage s = stage(Settings.fixtures("center"));
        s.live().selectFixture("retired-rig"); // the host API sets what it plays; nothing is refused there
        s.ok(new Action.Save("Old show"));
        s.close();
        stage = new Stage(dir.resolve("data"), Settings.fixtures("center"));
        assertEquals("retired-rig", stage.live().scene().fixture());
        assertEquals("retired-rig", stage.answer(new Action.Sync(), Result.Synced.class).state().fixture());
    }

    @Test
    void aFixtureDeclaredTwiceOrBlankIsRefusedWhenTheSettingsAreMade() {
        EncoreException twice = assertThrows(EncoreException.class, () -> Settings.fixtures("a", "b", "a"));
        assertEquals(Reason.BAD_ARGUMENTS, twice.reason());
        assertTrue(twice.getMessage().contains("'a' is declared twice"), twice.getMessage());
        EncoreException blank = assertThrows(EncoreException.class, () -> Settings.fixtures("a", " "));
        assertTrue(blank.getMessage().contains("blank"), blank.getMessage());
    }
}
