package dev.encore.session;

import java.util.Map;
import java.util.TreeMap;

/** The stem overlay: which source plays and the level of each stem (0..1, by stem name). */
public record StemOverlay(SourceMode mode, Map<String, Double> levels) {
    /** The full mix, no stem levels. */
    public static final StemOverlay FULL = new StemOverlay(SourceMode.FULL, Map.of());

    /**
     * Copies the levels; a null mode is the full mix.
     *
     * @param mode which source plays
     * @param levels each stem's level, 0..1
     */
    public StemOverlay {
        mode = mode == null ? SourceMode.FULL : mode;
        levels = levels == null ? Map.of() : Map.copyOf(new TreeMap<>(levels));
    }

    /**
     * This overlay playing another source.
     *
     * @param m the source mode
     * @return the new overlay, same levels
     */
    public StemOverlay withMode(SourceMode m) {
        return new StemOverlay(m, levels);
    }
}
