package dev.encore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the places where the repository's text files name a document that is not there: a
 * Markdown file (a name ending in .md, with or without a folder), a path below {@code docs/}, a link in a
 * Markdown file to a file or to a heading. A name is looked up beside the file that names it, then
 * at the top of the repository; anything outside the repository or under {@code target/} does not
 * count. Web addresses are not documents of the repository and are left out.
 */
final class DocumentReferences {
    private static final String NAME_CHARS = "A-Za-z0-9_./-";
    private static final Pattern MARKDOWN_NAME = Pattern.compile(
            "(?<![" + NAME_CHARS + "])[" + NAME_CHARS + "]*[A-Za-z0-9_-]\\.md(?![A-Za-z0-9_])");
    private static final Pattern DOCS_PATH = Pattern.compile("(?<![" + NAME_CHARS + "])docs/[" + NAME_CHARS + "]*");
    private static final Pattern WEB_ADDRESS = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^\\s)\"'`>]*");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "target", ".idea", ".mvn");

    private final Path root;
    private final Map<Path, Set<String>> headings = new HashMap<>();
    private final Map<Path, Optional<String>> texts = new HashMap<>();

    DocumentReferences(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Every text file of the repository (binary files, such as the zipped TouchOSC layout, are left out). */
    List<Path> textFiles() {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return SKIPPED_FOLDERS.contains(String.valueOf(dir.getFileName())) && !dir.equals(root)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && text(file).isPresent()) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
    }

    /** One line per document named but missing: {@code file line N names X}. */
    List<String> missing() {
        List<String> problems = new ArrayList<>();
        for (Path file : textFiles()) {
            String[] lines = text(file).orElseThrow().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].contains(".md") && !lines[i].contains("docs/")) {
                    continue;
                }
                String line = WEB_ADDRESS.matcher(lines[i]).replaceAll(" ");
                for (String name : names(line)) {
                    if (resolve(file, name).isEmpty()) {
                        problems.add(root.relativize(file) + " line " + (i + 1) + " names " + name
                                + ", which is not in the repository");
                    }
                }
            }
        }
        return problems;
    }

    /** One line per Markdown link whose file is missing or whose {@code #heading} that file does not have. */
    List<String> brokenLinks() {
        List<String> problems = new ArrayList<>();
        for (Path file : textFiles()) {
            if (!file.toString().endsWith(".md")) {
                continue;
            }
            String[] lines = text(file).orElseThrow().split("\n", -1);
            boolean fenced = false;
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].stripLeading().startsWith("```")) {
                    fenced = !fenced;
                }
                if (fenced) {
                    continue;
                }
                Matcher m = MARKDOWN_LINK.matcher(lines[i]);
                while (m.find()) {
                    String problem = checkLink(file, m.group(1));
                    if (problem != null) {
                        problems.add(root.relativize(file) + " line " + (i + 1) + ": " + problem);
                    }
                }
            }
        }
        return problems;
    }

    private String checkLink(Path file, String target) {
        if (WEB_ADDRESS.matcher(target).lookingAt() || target.startsWith("mailto:")) {
            return null;
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path linked = file;
        if (!path.isEmpty()) {
            Optional<Path> found = resolveBeside(file, path);
            if (found.isEmpty()) {
                return "links to " + path + ", which is not in the repository";
            }
            linked = found.get();
        }
        if (anchor != null && linked.toString().endsWith(".md") && !headingsOf(linked).contains(anchor)) {
            return "links to " + target + ", but " + root.relativize(linked) + " has no heading with the anchor #" + anchor;
        }
        return null;
    }

    /** The anchors GitHub gives a Markdown file's headings. */
    Set<String> headingsOf(Path markdown) {
        return headings.computeIfAbsent(markdown, p -> {
            Set<String> anchors = new HashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            boolean fenced = false;
            for (String line : text(p).orElseThrow().split("\n")) {
                if (line.stripLeading().startsWith("```")) {
                    fenced = !fenced;
                }
                Matcher m = HEADING.matcher(line);
                if (!fenced && m.matches()) {
                    String slug = slug(m.group(1));
                    int n = seen.merge(slug, 1, Integer::sum);
                    anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
                }
            }
            return anchors;
        });
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped, each space a hyphen. */
    static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static List<String> names(String line) {
        List<String> names = new ArrayList<>();
        Matcher md = MARKDOWN_NAME.matcher(line);
        while (md.find()) {
            names.add(md.group());
        }
        Matcher docs = DOCS_PATH.matcher(line);
        while (docs.find()) {
            String path = docs.group().replaceAll("[.]+$", "");
            if (!path.endsWith(".md")) {
                names.add(path);
            }
        }
        return names;
    }

    private Optional<Path> resolve(Path file, String name) {
        Optional<Path> beside = resolveBeside(file, name);
        return beside.isPresent() ? beside : inside(root.resolve(name));
    }

    private Optional<Path> resolveBeside(Path file, String name) {
        return inside(file.getParent().resolve(name));
    }

    private Optional<Path> inside(Path candidate) {
        Path p = candidate.toAbsolutePath().normalize();
        if (!p.startsWith(root) || skipped(root.relativize(p))) {
            return Optional.empty();
        }
        return Files.exists(p) ? Optional.of(p) : Optional.empty();
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            if (SKIPPED_FOLDERS.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    /** The file as UTF-8 text, or empty for a binary file; each file is read once. */
    private Optional<String> text(Path file) {
        return texts.computeIfAbsent(file, DocumentReferences::read);
    }

    private static Optional<String> read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) {
                if (b == 0) {
                    return Optional.empty();
                }
            }
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
