package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The engine's tunables as plain values (osc-map.yaml's loader fills them): the switch policy, the
 * arming window for delete and revert, setlist wrap-around, the status debounce (at most one status
 * push per window caused by parameter changes), the draft debounce (quiet time before the live state
 * is journaled), the save coalescing window, the crash-loop window, and the fixtures the host
 * declares ({@code /encore/fixture} selects one of them; none are declared by default).
 */
public record EngineSettings(
        SwitchPolicy switchPolicy,
        long armingWindowMs,
        boolean wrap,
        long statusDebounceMs,
        long draftDebounceMs,
        long saveCoalesceMs,
        long crashLoopWindowMs,
        List<String> fixtures) {

    /** Default time an armed delete or revert waits for its confirmation. */
    public static final long ARMING_WINDOW_MS = 3_000;
    /** Default window over which status pushes caused by parameter changes are coalesced. */
    public static final long STATUS_DEBOUNCE_MS = 50;
    /** Default quiet time before unsaved changes are journaled as a draft. */
    public static final long DRAFT_DEBOUNCE_MS = 500;
    /** Default window after a commit within which further saves become one more save. */
    public static final long SAVE_COALESCE_MS = 200;
    /** Default window within which two deaths while opening one session at start-up skip it. */
    public static final long CRASH_LOOP_WINDOW_MS = 120_000;

    /** Every setting at its default, with the {@code keep-draft} switch policy and no wrap-around. */
    public static final EngineSettings DEFAULTS = new EngineSettings(SwitchPolicy.KEEP_DRAFT, ARMING_WINDOW_MS, false,
            STATUS_DEBOUNCE_MS, DRAFT_DEBOUNCE_MS, SAVE_COALESCE_MS, CRASH_LOOP_WINDOW_MS, List.of());

    /**
     * Checks every window against its range (a null switch policy is {@code keep-draft}).
     *
     * @param switchPolicy what switches do with unsaved changes
     * @param armingWindowMs how long an armed delete or revert waits, 1 to 3600000 ms
     * @param wrap whether next and prev wrap around the setlist
     * @param statusDebounceMs status push coalescing, 1 to 3600000 ms
     * @param draftDebounceMs quiet time before a draft is journaled, 0 to 3600000 ms
     * @param saveCoalesceMs save coalescing window, 0 to 3600000 ms
     * @param crashLoopWindowMs crash-loop window, 0 to 3600000 ms
     * @param fixtures the ids of the fixtures that can be selected, each once and not blank; null is none
     * @throws EncoreException BAD_ARGUMENTS naming the setting out of range, or a blank or repeated fixture id
     */
    public EngineSettings {
        if (switchPolicy == null) {
            switchPolicy = SwitchPolicy.KEEP_DRAFT;
        }
        check("arming window", armingWindowMs, 1);
        check("status debounce", statusDebounceMs, 1);
        check("draft debounce", draftDebounceMs, 0);
        check("save coalescing window", saveCoalesceMs, 0);
        check("crash-loop window", crashLoopWindowMs, 0);
        fixtures = fixtures == null ? List.of() : List.copyOf(fixtures);
        Set<String> seen = new HashSet<>();
        for (String id : fixtures) {
            if (id.isBlank() || !id.equals(id.strip()) || !seen.add(id)) {
                throw new EncoreException(Reason.BAD_ARGUMENTS, "The fixture id '" + id + "' is "
                        + (seen.contains(id) ? "declared twice" : "blank or has spaces around it")
                        + ": declare each fixture once, by a non-blank id.");
            }
        }
    }

    private static void check(String what, long ms, long min) {
        if (ms < min || ms > 3_600_000) {
            throw new EncoreException(Reason.BAD_ARGUMENTS,
                    "The " + what + " of " + ms + " ms is out of range: use " + min + " to 3600000 ms.");
        }
    }
}
