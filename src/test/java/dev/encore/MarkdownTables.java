package dev.encore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the sections and tables of a Markdown document, as the documentation tests compare them with the code. */
final class MarkdownTables {
    private MarkdownTables() {
    }

    /** The lines under the heading {@code heading} (such as "## Commands"), up to the next heading of that level or higher. */
    static List<String> section(Path markdown, String heading) throws IOException {
        List<String> lines = Files.readAllLines(markdown);
        int level = heading.indexOf(' ');
        int start = lines.indexOf(heading);
        if (start < 0) {
            throw new AssertionError(markdown + " has no heading '" + heading + "'");
        }
        List<String> section = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            int hashes = line.indexOf(' ');
            if (line.startsWith("#") && hashes > 0 && hashes <= level && line.substring(0, hashes).chars().allMatch(c -> c == '#')) {
                break;
            }
            section.add(line);
        }
        return section;
    }

    /**
     * The body rows of every table in {@code lines}, each as its cells: trimmed, a cell that is one
     * code span without its backticks, and {@code \|} read as {@code |}.
     */
    static List<List<String>> rows(List<String> lines) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            boolean header = i + 1 < lines.size() && lines.get(i + 1).strip().startsWith("|---");
            if (!line.startsWith("|") || line.startsWith("|---") || header) {
                continue;
            }
            rows.add(cells(line));
        }
        return rows;
    }

    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '\\' && i + 1 < row.length() && row.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(unquote(cell.toString().strip()));
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells;
    }

    private static String unquote(String cell) {
        boolean oneSpan = cell.length() >= 2 && cell.startsWith("`") && cell.endsWith("`")
                && cell.indexOf('`', 1) == cell.length() - 1;
        return oneSpan ? cell.substring(1, cell.length() - 1) : cell;
    }
}
