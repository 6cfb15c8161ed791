package dev.encore.control.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.encore.control.FeedbackLine;
import dev.encore.control.FeedbackTrigger;
import dev.encore.control.ParamValues;
import dev.encore.feedback.FeedbackEvent;
import dev.encore.feedback.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each feedback event becomes the pushes README's OSC tables list, followed by the map's extra lines. */
class OscPushesTest {
    private final List<String> pushed = new ArrayList<>();
    private final List<FeedbackLine> lines = List.of(
            new FeedbackLine(FeedbackTrigger.STATUS, "saved", "/1/led_saved", List.of(1.0)),
            new FeedbackLine(FeedbackTrigger.SESSION, null, "/1/label", List.of("{position}: {name}")),
            new FeedbackLine(FeedbackTrigger.HEARTBEAT, null, "/1/beat", List.of("{seq}", "{state}")),
            new FeedbackLine(FeedbackTrigger.MIRROR, "mirrored", "/1/led_mirror", List.of("{lag_ms}")));
    private final OscPushes pushes = new OscPushes((address, args) -> pushed.add(address + " " + args), lines);

    @Test
    void aStatusChangePushesStatusAndDirtyThenTheMatchingExtraLines() {
        pushes.accept(new FeedbackEvent.StatusChanged(Status.SAVED, false, ""));
        assertEquals(List.of("/encore/status [saved]", "/1/led_saved [1.0]", "/encore/dirty [0]"), pushed);
        pushed.clear();
        pushes.accept(new FeedbackEvent.StatusChanged(Status.UNSAVED, true, ""));
        assertEquals(List.of("/encore/status [unsaved]", "/encore/dirty [1]"), pushed, "the line is for saved only");
    }

    @Test
    void sessionProgressAndArmingArePushedWithTheirValues() {
        pushes.accept(new FeedbackEvent.SessionChanged("Opening", 2, 5));
        pushes.accept(new FeedbackEvent.Progress("check", 1.7));
        pushes.accept(new FeedbackEvent.Armed("delete", true));
        assertEquals(List.of("/encore/session [Opening, 2, 5]", "/1/label [2: Opening]", "/encore/progress [check, , 1.0]",
                "/encore/armed [delete, 1]"), pushed);
    }

    @Test
    void aMirrorStateIsPushedWithItsLagAndOffersItsValuesToTheMapsLines() {
        pushes.accept(new FeedbackEvent.MirrorChanged("mirrored", 3));
        pushes.accept(new FeedbackEvent.MirrorChanged("no backup", 0));
        assertEquals(List.of("/encore/mirror [mirrored, 3]", "/1/led_mirror [3]", "/encore/mirror [no backup, 0]"), pushed,
                "the line is for mirrored only");
    }

    @Test
    void restoredParametersArePushedAtTheirAddressAsFloatsTextAndLists() {
        pushes.accept(new FeedbackEvent.ParamRestored("/mix/gain", DoubleNode.valueOf(0.5)));
        pushes.accept(new FeedbackEvent.ParamRestored("fx/mode", TextNode.valueOf("hall")));
        pushes.accept(new FeedbackEvent.ParamRestored("/xy", JsonNodeFactory.instance.arrayNode().add(0.25).add(3)));
        assertEquals(List.of("/encore/param/mix/gain [0.5]", "/encore/param/fx/mode [hall]", "/encore/param/xy [0.25, 3]"),
                pushed);
        assertEquals(Float.class, ParamValues.toOsc(DoubleNode.valueOf(0.5)).get(0).getClass(), "TouchOSC reads floats");
    }

    @Test
    void theHeartbeatReportsTheLastStatusAndSessionUnderTheServersSequenceNumber() {
        assertEquals(new Heartbeat("saved", 0, false), pushes.next(0));
        pushes.accept(new FeedbackEvent.SessionChanged("Finale", 3, 3));
        pushes.accept(new FeedbackEvent.StatusChanged(Status.UNSAVED, true, ""));
        pushed.clear();
        assertEquals(new Heartbeat("unsaved", 3, true), pushes.next(7));
        assertEquals(List.of("/1/beat [7, unsaved]"), pushed, "the heartbeat's line carries the server's number");
    }

    @Test
    void pushStatusRepeatsTheLastStatusForAShutdown() {
        pushes.accept(new FeedbackEvent.StatusChanged(Status.ERROR, true, "disk full"));
        pushed.clear();
        pushes.pushStatus();
        assertEquals(List.of("/encore/status [error]", "/encore/dirty [1]"), pushed);
    }

    @Test
    void valuesFromOscComeBackAsTheSameOscValues() {
        List<Object> args = List.of(1, 0.5f, "text", true);
        assertEquals(args, ParamValues.toOsc(ParamValues.fromOsc(args)));
        assertEquals(List.of(7), ParamValues.toOsc(ParamValues.fromOsc(List.of(7))));
    }
}
