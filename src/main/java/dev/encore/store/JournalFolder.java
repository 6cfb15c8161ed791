package dev.encore.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of the journal folder: segments named {@code j<generation>-<number>.seg}, and the
 * marker {@code j<generation>.complete} a finished compaction leaves. Decides which generation is
 * in use and tidies only what the journal itself left half-done: segments a finished compaction
 * replaced, and segments being created (zeros) when the process stopped. Everything else is left
 * alone and named.
 */
final class JournalFolder {
    private static final String SUFFIX = ".seg";
    private static final String COMPLETE = ".complete";
    private static final Logger LOG = LoggerFactory.getLogger(JournalFolder.class);

    /** The generation in use and its segments, by number. */
    record InUse(int generation, TreeMap<Integer, String> segments) {
    }

    private JournalFolder() {
    }

    static String segmentName(int generation, int number) {
        return String.format("j%04d-%06d%s", generation, number, SUFFIX);
    }

    /**
     * Lists {@code dir} and picks the generation in use. Unless {@code readOnly}, removes segments
     * that a finished compaction replaced and segments whose creation did not finish.
     */
    static InUse inUse(Path dir, Disk disk, boolean readOnly) throws IOException {
        List<String> names = disk.list(dir);
        int generation = activeGeneration(names);
        TreeMap<Integer, String> segments = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            int n = number(name);
            int g = generationOf(name);
            if (n > 0 && g == generation) {
                segments.put(n, name);
            } else if (n > 0 && !readOnly) {
                finishCompaction(dir, disk, name, g, generation, names);
            } else if (n > 0) {
                continue; // another generation: its owner finishes or ignores it
            } else if (name.endsWith(COMPLETE) || name.endsWith(SUFFIX + ".tmp") && generationOf(name) > generation) {
                continue;
            } else if (name.endsWith(SUFFIX + ".tmp") && readOnly) {
                continue; // a segment its owner is creating right now
            } else if (name.endsWith(SUFFIX + ".tmp")) {
                disk.delete(dir.resolve(name)); // a segment being created when the process stopped: only zeros
            } else {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            LOG.info("Left alone in {}: {} (not journal segments)", dir, unknown);
        }
        return new InUse(generation, segments);
    }

    /** A generation number above every one in {@code dir} and above {@code current}: what a compaction writes. */
    static int nextGeneration(Path dir, Disk disk, int current) throws IOException {
        int next = current + 1;
        for (String name : disk.list(dir)) {
            next = Math.max(next, generationOf(name) + 1);
        }
        return next;
    }

    /** Whether {@code generation} is marked as the one in use. */
    static boolean isComplete(Path dir, Disk disk, int generation) throws IOException {
        return disk.list(dir).contains(String.format("j%04d%s", generation, COMPLETE));
    }

    /** Marks {@code generation} as the one in use: from here on a start reads it and removes older ones. */
    static void markComplete(Path dir, Disk disk, int generation) throws IOException {
        disk.writeAtomically(dir.resolve(String.format("j%04d%s", generation, COMPLETE)), new byte[0]);
    }

    /** Removes the {@code replaced} segments and the markers of generations before {@code generation}. */
    static void removeReplaced(Path dir, Disk disk, Collection<String> replaced, int generation) throws IOException {
        for (String name : replaced) {
            disk.delete(dir.resolve(name));
        }
        for (String name : disk.list(dir)) {
            if (name.endsWith(COMPLETE) && generationOf(name) < generation) {
                disk.delete(dir.resolve(name));
            }
        }
        disk.syncDirectory(dir);
    }

    /**
     * The generation in use: the newest one a compaction finished (its marker file exists), else
     * the oldest present (a compaction that did not finish leaves the one it copied from).
     */
    private static int activeGeneration(List<String> names) {
        int complete = 0;
        int oldest = Integer.MAX_VALUE;
        for (String name : names) {
            if (name.matches("j\\d{4}" + Pattern.quote(COMPLETE))) {
                complete = Math.max(complete, Integer.parseInt(name.substring(1, 5)));
            } else if (number(name) > 0) {
                oldest = Math.min(oldest, generationOf(name));
            }
        }
        return complete > 0 ? complete : oldest == Integer.MAX_VALUE ? 1 : oldest;
    }

    /**
     * A segment of another generation: an older one that a finished compaction replaced is removed
     * (the step that compaction was about to take); a newer, unfinished copy is left for the next
     * compaction to write over under a new generation number, never read.
     */
    private static void finishCompaction(Path dir, Disk disk, String name, int g, int generation, List<String> names) throws IOException {
        boolean replaced = g < generation && names.contains(String.format("j%04d%s", generation, COMPLETE));
        if (replaced) {
            disk.delete(dir.resolve(name));
            LOG.info("Removed {}: a finished compaction replaced it", name);
        } else {
            LOG.info("Ignored {}: a copy an interrupted compaction began", name);
        }
    }

    private static int generationOf(String name) {
        return name.length() > 5 && name.charAt(0) == 'j' && Character.isDigit(name.charAt(1)) ? Integer.parseInt(name.substring(1, 5)) : -1;
    }

    private static int number(String name) {
        if (!name.matches("j\\d{4}-\\d{6}\\.seg")) {
            return -1;
        }
        return Integer.parseInt(name.substring(6, 12));
    }
}
