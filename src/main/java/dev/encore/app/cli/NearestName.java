package dev.encore.app.cli;

import java.util.Collection;
import java.util.Optional;

/** The known name a typo most likely meant: at most two edits away (a swap of neighbours counts as one). */
public final class NearestName {
    private static final int MAX_EDITS = 2;

    private NearestName() {
    }

    public static Optional<String> of(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = MAX_EDITS + 1;
        for (String name : known) {
            int d = distance(typed.toLowerCase(java.util.Locale.ROOT), name);
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
