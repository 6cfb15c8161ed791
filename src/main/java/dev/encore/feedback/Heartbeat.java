package dev.encore.feedback;

/**
 * What the periodic heartbeat reports, taken from the last status and session pushed, so a
 * controller that lost packets heals itself: the status word, the active session's 1-based position
 * (0 when none) and whether there are unsaved changes.
 */
public record Heartbeat(String state, int position, boolean dirty) {
}
