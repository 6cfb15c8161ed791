package dev.encore.session;

import java.util.Map;
import java.util.TreeMap;

/** The stem overlay: which source plays and the level of each stem (0..1, by stem name). */
public record StemOverlay(SourceMode mode, Map<String, Double> levels) {
    public static final StemOverlay FULL = new StemOverlay(SourceMode.FULL, Map.of());

    public StemOverlay {
        mode = mode == null ? SourceMode.FULL : mode;
        levels = levels == null ? Map.of() : Map.copyOf(new TreeMap<>(levels));
    }

    public StemOverlay withMode(SourceMode m) {
        return new StemOverlay(m, levels);
    }
}
