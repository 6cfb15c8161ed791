package dev.encore.mirror;

/**
 * What the mirror tells the performer: each state ({@code mirrored}, {@code behind}, {@code no backup},
 * {@code primary lost}) with how far behind the other laptop is, and the progress of a catch-up.
 * Called on the mirror's own threads; must not block.
 */
public interface MirrorEvents {
    String MIRRORED = "mirrored";
    String BEHIND = "behind";
    String NO_BACKUP = "no backup";
    String PRIMARY_LOST = "primary lost";

    /** A state push; {@code lagMs} is how long the newest commit waited (or has waited) for the other laptop. */
    void state(String state, long lagMs);

    /** A catch-up advanced ({@code fraction} 0..1, 1.0 once when whole). */
    void progress(double fraction);
}
