package dev.encore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md cannot rot: every class and method its save path and parameter update name
 * is in src/main, and every package of src/main has a row in its package table.
 */
class ArchitectureDocTest {
    private static final Path ARCHITECTURE = Path.of("docs/architecture.md");
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Path BASE = SOURCES.resolve("dev/encore");
    /** A code span naming a class, optionally a nested type and a method: {@code Disk.PositionalHandle.force}. */
    private static final Pattern CODE_REFERENCE = Pattern.compile("`([A-Z][A-Za-z0-9]*(?:\\.[A-Za-z][A-Za-z0-9]*)*)`");

    @Test
    void everyClassAndMethodOnTheSavePathIsInTheCode() throws IOException {
        assertNamesAreInTheCode("## The save path", 25);
    }

    @Test
    void everyClassAndMethodOfAParameterUpdateIsInTheCode() throws IOException {
        assertNamesAreInTheCode("## A parameter update", 12);
    }

    @Test
    void aClassOrMethodThatIsNotInTheCodeIsFound() {
        Map<String, Path> classes = classes();
        assertEquals(List.of(
                "NoSuchSaver is not a class in src/main/java",
                "Saver has no method sav",
                "Disk has no type PositionalHandles",
                "Action.Save has no method commitNow"),
                Stream.of("Saver.save", "NoSuchSaver", "Saver.sav", "Disk.PositionalHandle.force",
                        "Disk.PositionalHandles", "Action.Save.commitNow", "EngineLoop.handle")
                        .map(name -> problem(name, classes)).filter(p -> p != null).toList());
    }

    @Test
    void everyPackageOfTheCodeHasARowInThePackageTable() throws IOException {
        Set<String> documented = new LinkedHashSet<>();
        for (List<String> row : MarkdownTables.rows(MarkdownTables.section(ARCHITECTURE, "## Packages"))) {
            Matcher names = Pattern.compile("^([a-z.]+)$|`([a-z.]+)`").matcher(row.get(0));
            while (names.find()) {
                documented.add(names.group(1) != null ? names.group(1) : names.group(2));
            }
        }
        List<String> packages;
        try (Stream<Path> files = Files.walk(BASE)) {
            packages = files.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> BASE.relativize(p.getParent()).toString().replace('/', '.'))
                    .map(p -> p.isEmpty() ? "dev.encore" : p)
                    .distinct().sorted().toList();
        }
        assertTrue(packages.size() >= 12, "the code's packages were read: " + packages);
        List<String> missing = packages.stream().filter(p -> !documented.contains(p)).toList();
        assertEquals(List.of(), missing, "packages of src/main without a row in " + ARCHITECTURE + "'s package table");
    }

    private void assertNamesAreInTheCode(String heading, int atLeast) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (String line : MarkdownTables.section(ARCHITECTURE, heading)) {
            if (line.matches("^\\d+\\. .*")) {
                Matcher m = CODE_REFERENCE.matcher(line);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        assertTrue(names.size() >= atLeast, heading + " names at least " + atLeast + " classes and methods: " + names);
        Map<String, Path> classes = classes();
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            String problem = problem(name, classes);
            if (problem != null) {
                problems.add(problem);
            }
        }
        assertEquals(List.of(), problems, heading + " in " + ARCHITECTURE);
    }

    /** Null when {@code Outer.Nested.method} is in the code; otherwise what is not. */
    private static String problem(String name, Map<String, Path> classes) {
        String[] parts = name.split("\\.");
        Path file = classes.get(parts[0]);
        if (file == null) {
            return parts[0] + " is not a class in " + SOURCES;
        }
        String scope = read(file);
        String owner = parts[0];
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            if (Character.isUpperCase(part.charAt(0))) {
                scope = body(scope, part);
                if (scope == null) {
                    return owner + " has no type " + part;
                }
                owner = owner + "." + part;
            } else if (i < parts.length - 1) {
                return name + " goes on after the method " + part;
            } else if (!Pattern.compile("\\b" + part + "\\(").matcher(scope).find()) {
                return owner + " has no method " + part;
            }
        }
        return null;
    }

    /** The body of the type {@code name} declared in {@code source}, by matching braces; null when there is none. */
    private static String body(String source, String name) {
        Matcher m = Pattern.compile("\\b(class|interface|record|enum) " + name + "\\b").matcher(source);
        if (!m.find()) {
            return null;
        }
        int open = source.indexOf('{', m.end());
        int depth = 0;
        for (int i = open; i >= 0 && i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return source.substring(open, i + 1);
            }
        }
        return open < 0 ? null : source.substring(open);
    }

    /** Every top-level class of src/main by its simple name. */
    private static Map<String, Path> classes() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java"))
                    .collect(Collectors.toMap(p -> p.getFileName().toString().replace(".java", ""), p -> p,
                            (a, b) -> {
                                throw new AssertionError("two classes named " + a.getFileName() + ": " + a + ", " + b);
                            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
