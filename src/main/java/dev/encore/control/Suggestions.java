package dev.encore.control;

import java.util.Collection;

/** Finds the known word a typo was meant to be, for "did you mean" hints in configuration errors. */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * {@code "; did you mean 'x'?"} for a close known word, otherwise {@code "; <label>: a, b, c"}
     * listing what may be written there.
     */
    public static String hint(String typed, Collection<String> known, String label) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(typed.toLowerCase(java.util.Locale.ROOT), candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int tolerance = Math.max(2, typed.length() / 3);
        if (best != null && bestDistance <= tolerance) {
            return "; did you mean '" + best + "'?";
        }
        return "; " + label + ": " + String.join(", ", known);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
