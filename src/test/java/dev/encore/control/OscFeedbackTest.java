package dev.encore.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.encore.feedback.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire form of the state messages, which pushes and /encore/sync both send. */
class OscFeedbackTest {
    @Test
    void statusDirtyAndSessionHaveTheAddressesAndArgumentsOfTheProtocol() {
        assertEquals(new Push("/encore/status", List.of("unsaved")), OscFeedback.status(Status.UNSAVED));
        assertEquals(new Push("/encore/dirty", List.of(1)), OscFeedback.dirty(true));
        assertEquals(new Push("/encore/dirty", List.of(0)), OscFeedback.dirty(false));
        assertEquals(new Push("/encore/session", List.of("Finale", 3, 12)), OscFeedback.session("Finale", 3, 12));
        assertEquals(new Push("/encore/session", List.of("", 0, 0)), OscFeedback.session(null, 0, 0), "no session open");
    }

    @Test
    void aParameterGoesOutAtItsAddressWithItsValuesAsFloats() {
        assertEquals(new Push("/encore/param/mix/gain", List.of(0.5f)), OscFeedback.param("/mix/gain", DoubleNode.valueOf(0.5)));
        assertEquals(new Push("/encore/param/xy", List.of(0.25f, 3)),
                OscFeedback.param("xy", JsonNodeFactory.instance.arrayNode().add(0.25).add(3)), "a path without its slash");
        assertEquals("/encore/param/a/b", OscFeedback.paramAddress("a/b"));
    }
}
