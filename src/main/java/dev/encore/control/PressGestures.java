package dev.encore.control;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a button's down and up events into the gesture its bindings wait for: press, long press
 * (held at least {@code longPressMs}) or double press (a second press within {@code doublePressMs}).
 * A button bound only for press fires on the way down. With a long binding, the short press fires
 * on release; with a double binding, it fires once the double window has passed with no second
 * press, which delays it by {@code doublePressMs}. Safe to call from listener and timer threads.
 *
 * @param <T> what a binding is (it is handed to the sink when its gesture happens)
 */
public final class PressGestures<T> {
    /** The bindings of one button; any of them may be null. */
    public record Plan<T>(T press, T longPress, T doublePress, long longPressMs, long doublePressMs) {
    }

    private final PressTimer timer;
    private final Consumer<T> sink;
    private final Map<Object, ButtonState> buttons = new HashMap<>();

    public PressGestures(PressTimer timer, Consumer<T> sink) {
        this.timer = timer;
        this.sink = sink;
    }

    private static final class ButtonState {
        boolean down;
        boolean longFired;
        PressTimer.Cancel longTimer;
        PressTimer.Cancel pendingSingle;
    }

    /** The button went down; a repeated down without an up in between is ignored. */
    public synchronized void down(Object button, Plan<T> plan) {
        ButtonState state = buttons.computeIfAbsent(button, b -> new ButtonState());
        if (state.down) {
            return;
        }
        state.down = true;
        state.longFired = false;
        if (plan.longPress() != null) {
            state.longTimer = timer.after(plan.longPressMs(), () -> longElapsed(state, plan));
        } else {
            shortPress(state, plan);
        }
    }

    /** The button went up; an up without a down is ignored. */
    public synchronized void up(Object button, Plan<T> plan) {
        ButtonState state = buttons.get(button);
        if (state == null || !state.down) {
            return;
        }
        state.down = false;
        if (plan.longPress() != null) {
            cancel(state.longTimer);
            state.longTimer = null;
            if (!state.longFired) {
                shortPress(state, plan);
            }
        }
    }

    private synchronized void longElapsed(ButtonState state, Plan<T> plan) {
        if (state.down && state.longTimer != null) {
            state.longTimer = null;
            state.longFired = true;
            cancel(state.pendingSingle);
            state.pendingSingle = null;
            sink.accept(plan.longPress());
        }
    }

    private void shortPress(ButtonState state, Plan<T> plan) {
        if (plan.doublePress() == null) {
            if (plan.press() != null) {
                sink.accept(plan.press());
            }
            return;
        }
        if (state.pendingSingle != null) {
            cancel(state.pendingSingle);
            state.pendingSingle = null;
            sink.accept(plan.doublePress());
            return;
        }
        PressTimer.Cancel[] self = new PressTimer.Cancel[1];
        self[0] = timer.after(plan.doublePressMs(), () -> singleElapsed(state, plan, self[0]));
        state.pendingSingle = self[0];
    }

    private synchronized void singleElapsed(ButtonState state, Plan<T> plan, PressTimer.Cancel which) {
        if (state.pendingSingle == null || state.pendingSingle != which) {
            return;
        }
        state.pendingSingle = null;
        if (plan.press() != null) {
            sink.accept(plan.press());
        }
    }

    private static void cancel(PressTimer.Cancel cancel) {
        if (cancel != null) {
            cancel.cancel();
        }
    }
}
