package dev.encore.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each feedback event becomes the pushes README's OSC tables list, followed by the map's extra lines. */
class OscFeedbackTest {
    private final List<String> pushed = new ArrayList<>();
    private final List<String> asked = new ArrayList<>();
    private final ExtraPushes led = (event, values) -> {
        asked.add(event + " " + values);
        return event.equals("status") && "saved".equals(values.get("state"))
                ? List.of(new Push("/1/led_saved", List.of(1.0f))) : List.of();
    };
    private final OscFeedback feedback = new OscFeedback((address, args) -> pushed.add(address + " " + args), led);

    @Test
    void aStatusChangePushesStatusAndDirtyThenTheMatchingExtraLines() {
        feedback.accept(new FeedbackEvent.StatusChanged(Status.SAVED, false, ""));
        assertEquals(List.of("/encore/status [saved]", "/1/led_saved [1.0]", "/encore/dirty [0]"), pushed);
        assertEquals(List.of("status {state=saved, dirty=0}", "dirty {dirty=0}"), asked);
    }

    @Test
    void sessionProgressAndArmingArePushedWithTheirValues() {
        feedback.accept(new FeedbackEvent.SessionChanged("Opening", 2, 5));
        feedback.accept(new FeedbackEvent.Progress("check", 1.7));
        feedback.accept(new FeedbackEvent.Armed("delete", true));
        assertEquals(List.of("/encore/session [Opening, 2, 5]", "/encore/progress [check, , 1.0]", "/encore/armed [delete, 1]"),
                pushed);
        assertEquals("session {name=Opening, position=2, count=5}", asked.get(0));
    }

    @Test
    void aMirrorStateIsPushedWithItsLagAndOffersItsValuesToTheMapsLines() {
        feedback.accept(new FeedbackEvent.MirrorChanged("mirrored", 3));
        feedback.accept(new FeedbackEvent.MirrorChanged("no backup", 0));
        assertEquals(List.of("/encore/mirror [mirrored, 3]", "/encore/mirror [no backup, 0]"), pushed);
        assertEquals(List.of("mirror {state=mirrored, lag_ms=3}", "mirror {state=no backup, lag_ms=0}"), asked);
    }

    @Test
    void restoredParametersArePushedAtTheirAddressAsFloatsTextAndLists() {
        feedback.accept(new FeedbackEvent.ParamRestored("/mix/gain", DoubleNode.valueOf(0.5)));
        feedback.accept(new FeedbackEvent.ParamRestored("fx/mode", TextNode.valueOf("hall")));
        feedback.accept(new FeedbackEvent.ParamRestored("/xy", JsonNodeFactory.instance.arrayNode().add(0.25).add(3)));
        assertEquals(List.of("/encore/param/mix/gain [0.5]", "/encore/param/fx/mode [hall]", "/encore/param/xy [0.25, 3]"),
                pushed);
        assertEquals(Float.class, ParamValues.toOsc(DoubleNode.valueOf(0.5)).get(0).getClass(), "TouchOSC reads floats");
    }

    @Test
    void theHeartbeatReportsTheLastStatusAndSessionAndCountsItsLines() {
        assertEquals(new Heartbeat("saved", 0, false), feedback.heartbeat());
        feedback.accept(new FeedbackEvent.SessionChanged("Finale", 3, 3));
        feedback.accept(new FeedbackEvent.StatusChanged(Status.UNSAVED, true, ""));
        asked.clear();
        assertEquals(new Heartbeat("unsaved", 3, true), feedback.heartbeat());
        assertEquals(List.of("heartbeat {seq=1, state=unsaved, position=3, dirty=1}"), asked);
    }

    @Test
    void pushStatusRepeatsTheLastStatusForAShutdown() {
        feedback.accept(new FeedbackEvent.StatusChanged(Status.ERROR, true, "disk full"));
        pushed.clear();
        feedback.pushStatus();
        assertEquals(List.of("/encore/status [error]", "/encore/dirty [1]"), pushed);
    }

    @Test
    void valuesFromOscComeBackAsTheSameOscValues() {
        List<Object> args = List.of(1, 0.5f, "text", true);
        assertEquals(args, ParamValues.toOsc(ParamValues.fromOsc(args)));
        assertEquals(List.of(7), ParamValues.toOsc(ParamValues.fromOsc(List.of(7))));
    }
}
