package dev.encore.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PressGesturesTest {
    private final ManualPressTimer timer = new ManualPressTimer();
    private final List<String> fired = new ArrayList<>();
    private final PressGestures<String> gestures = new PressGestures<>(timer, fired::add);

    @Test
    void aButtonWithOnlyAPressFiresOnTheWayDown() {
        var plan = new PressGestures.Plan<>("save", null, null, 600, 300);
        gestures.down("b", plan);
        assertEquals(List.of("save"), fired);
        gestures.up("b", plan);
        assertEquals(List.of("save"), fired);
    }

    @Test
    void holdingPastTheLongPressTimeFiresTheLongBindingOnly() {
        var plan = new PressGestures.Plan<>("save", "save_copy", null, 600, 300);
        gestures.down("b", plan);
        timer.advance(599);
        assertEquals(List.of(), fired);
        timer.advance(1);
        assertEquals(List.of("save_copy"), fired);
        gestures.up("b", plan);
        assertEquals(List.of("save_copy"), fired);
    }

    @Test
    void aShortPressOnAButtonWithALongBindingFiresOnRelease() {
        var plan = new PressGestures.Plan<>("save", "save_copy", null, 600, 300);
        gestures.down("b", plan);
        timer.advance(200);
        assertEquals(List.of(), fired);
        gestures.up("b", plan);
        assertEquals(List.of("save"), fired);
        timer.advance(1000);
        assertEquals(List.of("save"), fired);
    }

    @Test
    void twoPressesWithinTheWindowFireTheDoubleAndNoSinglePress() {
        var plan = new PressGestures.Plan<>("next", null, "prev", 600, 300);
        gestures.down("b", plan);
        gestures.up("b", plan);
        timer.advance(150);
        gestures.down("b", plan);
        gestures.up("b", plan);
        timer.advance(1000);
        assertEquals(List.of("prev"), fired);
    }

    @Test
    void aSinglePressOnAButtonWithADoubleBindingWaitsForTheWindow() {
        var plan = new PressGestures.Plan<>("next", null, "prev", 600, 300);
        gestures.down("b", plan);
        gestures.up("b", plan);
        timer.advance(299);
        assertEquals(List.of(), fired);
        timer.advance(1);
        assertEquals(List.of("next"), fired);
    }

    @Test
    void pressesFurtherApartThanTheWindowAreTwoSinglePresses() {
        var plan = new PressGestures.Plan<>("next", null, "prev", 600, 300);
        gestures.down("b", plan);
        gestures.up("b", plan);
        timer.advance(400);
        gestures.down("b", plan);
        gestures.up("b", plan);
        timer.advance(400);
        assertEquals(List.of("next", "next"), fired);
    }

    @Test
    void buttonsAreTrackedSeparately() {
        var plan = new PressGestures.Plan<>("next", null, "prev", 600, 300);
        gestures.down("a", plan);
        gestures.up("a", plan);
        gestures.down("b", plan);
        gestures.up("b", plan);
        timer.advance(300);
        assertEquals(List.of("next", "next"), fired);
    }
}
