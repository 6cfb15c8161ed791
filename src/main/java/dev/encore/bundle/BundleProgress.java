package dev.encore.bundle;

/**
 * Where a bundle's export, check or import says how far it is: the step it is in ("checking
 * audio", "writing the bundle", ...) and the bytes of that step done so far of its total. Steps
 * come one after another; within a step {@code done} only rises and reaches {@code total} once.
 * Called on the thread doing the work; a consumer that throws stops that work.
 */
@FunctionalInterface
public interface BundleProgress {
    BundleProgress NONE = (step, done, total) -> { };

    void advanced(String step, long done, long total);
}
