package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;

/**
 * The engine's tunables as plain values (osc-map.yaml's loader fills them): the switch policy, the
 * arming window for delete and revert, setlist wrap-around, the status debounce (at most one status
 * push per window caused by parameter changes), the draft debounce (quiet time before the live state
 * is journaled), the save coalescing window, and the crash-loop window.
 */
public record EngineSettings(
        SwitchPolicy switchPolicy,
        long armingWindowMs,
        boolean wrap,
        long statusDebounceMs,
        long draftDebounceMs,
        long saveCoalesceMs,
        long crashLoopWindowMs) {

    public static final long ARMING_WINDOW_MS = 3_000;
    public static final long STATUS_DEBOUNCE_MS = 50;
    public static final long DRAFT_DEBOUNCE_MS = 500;
    public static final long SAVE_COALESCE_MS = 200;
    public static final long CRASH_LOOP_WINDOW_MS = 120_000;

    public static final EngineSettings DEFAULTS = new EngineSettings(SwitchPolicy.KEEP_DRAFT, ARMING_WINDOW_MS, false,
            STATUS_DEBOUNCE_MS, DRAFT_DEBOUNCE_MS, SAVE_COALESCE_MS, CRASH_LOOP_WINDOW_MS);

    public EngineSettings {
        if (switchPolicy == null) {
            switchPolicy = SwitchPolicy.KEEP_DRAFT;
        }
        check("arming window", armingWindowMs, 1);
        check("status debounce", statusDebounceMs, 1);
        check("draft debounce", draftDebounceMs, 0);
        check("save coalescing window", saveCoalesceMs, 0);
        check("crash-loop window", crashLoopWindowMs, 0);
    }

    public EngineSettings withSwitchPolicy(SwitchPolicy p) {
        return new EngineSettings(p, armingWindowMs, wrap, statusDebounceMs, draftDebounceMs, saveCoalesceMs, crashLoopWindowMs);
    }

    public EngineSettings withWrap(boolean w) {
        return new EngineSettings(switchPolicy, armingWindowMs, w, statusDebounceMs, draftDebounceMs, saveCoalesceMs, crashLoopWindowMs);
    }

    public EngineSettings withDraftDebounceMs(long ms) {
        return new EngineSettings(switchPolicy, armingWindowMs, wrap, statusDebounceMs, ms, saveCoalesceMs, crashLoopWindowMs);
    }

    private static void check(String what, long ms, long min) {
        if (ms < min || ms > 3_600_000) {
            throw new EncoreException(Reason.BAD_ARGUMENTS,
                    "The " + what + " of " + ms + " ms is out of range: use " + min + " to 3600000 ms.");
        }
    }
}
