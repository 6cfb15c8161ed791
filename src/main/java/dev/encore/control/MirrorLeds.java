package dev.encore.control;

import java.util.List;
import java.util.Map;

/**
 * The LED messages for the mirror's states ({@code /encore/mirror}), one list per state: the backup
 * holds the last commit, is behind (catching up), there is no backup, or (on the backup) the
 * primary is lost and /encore/takeover is wanted.
 */
public record MirrorLeds(List<LedMessage> mirrored, List<LedMessage> behind, List<LedMessage> noBackup,
        List<LedMessage> primaryLost) {

    /** The states an /encore/mirror push names, in the order of this record. */
    public static final List<String> STATES = List.of("mirrored", "behind", "no backup", "primary lost");

    public MirrorLeds {
        mirrored = mirrored == null ? List.of() : List.copyOf(mirrored);
        behind = behind == null ? List.of() : List.copyOf(behind);
        noBackup = noBackup == null ? List.of() : List.copyOf(noBackup);
        primaryLost = primaryLost == null ? List.of() : List.copyOf(primaryLost);
    }

    /** The messages for a state as /encore/mirror names it ("no backup", "primary lost", ...); unknown: none. */
    public List<LedMessage> forState(String state) {
        return switch (state) {
            case "mirrored" -> mirrored;
            case "behind" -> behind;
            case "no backup" -> noBackup;
            case "primary lost" -> primaryLost;
            default -> List.of();
        };
    }

    /** Keyed as osc-map.yaml writes them. */
    public Map<String, List<LedMessage>> asMap() {
        return Map.of("mirrored", mirrored, "behind", behind, "no_backup", noBackup, "primary_lost", primaryLost);
    }
}
