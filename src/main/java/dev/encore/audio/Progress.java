package dev.encore.audio;

/**
 * Receives how far a long piece of audio work has come, as a fraction from 0 to 1, so the engine
 * can push {@code /encore/progress}. Called on the worker thread doing the work; keep it cheap.
 */
@FunctionalInterface
public interface Progress {
    /** Ignores every report. */
    Progress NONE = fraction -> { };

    void report(double fraction);

    /** This progress mapped into the sub-range [from, to] of another. */
    default Progress range(double from, double to) {
        return fraction -> report(from + (to - from) * Math.max(0, Math.min(1, fraction)));
    }
}
