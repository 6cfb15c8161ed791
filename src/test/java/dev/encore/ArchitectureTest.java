package dev.encore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layering of docs/architecture.md, checked against the imports (and fully qualified
 * names) of every source file in src/main: a package uses only the packages the table allows it,
 * no two packages depend on each other in a circle, and each outside library is used only by the
 * package that adapts it.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final String BASE = "dev.encore";
    /** The root package (Reason, EncoreException): below everything, usable by all. */
    private static final String ROOT = BASE;

    /**
     * Which Encore packages each package may use, besides itself and the root package. {@code app}
     * and its sub-packages (cli, nsm, service) may use everything; the sub-packages still may not
     * form a cycle with {@code app}.
     */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("control", Set.of("session", "feedback")),
            Map.entry("control.map", Set.of("control")),
            Map.entry("control.osc", Set.of("control", "feedback")),
            Map.entry("control.midi", Set.of("control", "feedback")),
            Map.entry("mirror", Set.of("session", "store", "feedback")),
            Map.entry("session", Set.of("store", "audio", "bundle", "feedback")),
            Map.entry("bundle", Set.of("store")),
            Map.entry("audio", Set.of("store")),
            Map.entry("store", Set.of()),
            Map.entry("feedback", Set.of()));

    /** Outside libraries whose types never leave the package that adapts them, by package prefix. */
    private static final Map<String, String> LIBRARY_OWNERS = new LinkedHashMap<>();

    static {
        LIBRARY_OWNERS.put("com.illposed.osc", "control.osc");
        LIBRARY_OWNERS.put("javax.sound.midi", "control.midi");
        LIBRARY_OWNERS.put("uk.co.xfactorylibrarians.coremidi4j", "control.midi");
        LIBRARY_OWNERS.put("org.mapdb", "store");
        LIBRARY_OWNERS.put("be.tarsos.dsp", "audio");
        LIBRARY_OWNERS.put("org.jgroups", "mirror");
        LIBRARY_OWNERS.put("com.fasterxml.jackson.dataformat.yaml", "control.map");
        LIBRARY_OWNERS.put("org.yaml.snakeyaml", "control.map");
        LIBRARY_OWNERS.put("com.fasterxml.jackson.dataformat.cbor", "store");
    }

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?\\s*;", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\bdev\\.encore(?:\\.[a-z]\\w*)*\\.[A-Z]\\w*");
    private static final Pattern LITERALS_AND_COMMENTS = Pattern.compile(
            "\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])+'|(?s:/\\*.*?\\*/)|//[^\n]*");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    @Test
    void everyPackageUsesOnlyThePackagesTheTableAllows() {
        List<String> violations = new ArrayList<>();
        for (SourceFile file : parse()) {
            file.encorePackages().forEach((to, name) -> {
                if (!allowed(file.pkg, to)) {
                    violations.add(file.pkg + " -> " + to + " (" + file.path + " uses " + name + ")");
                }
            });
        }
        assertEquals(List.of(), violations, "imports against the package table of docs/architecture.md");
    }

    @Test
    void noPackagesDependOnEachOtherInACircle() {
        Map<String, Map<String, String>> uses = uses(parse());
        List<String> cycles = new ArrayList<>();
        for (String from : uses.keySet()) {
            for (Map.Entry<String, String> edge : uses.get(from).entrySet()) {
                List<String> back = path(uses, edge.getKey(), from);
                if (back != null && from.compareTo(edge.getKey()) < 0) {
                    cycles.add(from + " -> " + String.join(" -> ", back) + " (" + edge.getValue() + ")");
                }
            }
        }
        assertEquals(List.of(), cycles, "package cycles");
    }

    @Test
    void outsideLibrariesStayInThePackageThatAdaptsThem() {
        List<String> violations = new ArrayList<>();
        for (SourceFile file : parse()) {
            for (String imported : file.imports) {
                LIBRARY_OWNERS.forEach((prefix, owner) -> {
                    if ((imported.equals(prefix) || imported.startsWith(prefix + ".")) && !file.pkg.equals(owner)) {
                        violations.add(imported + " in " + file.path + " (only " + owner + " may use it)");
                    }
                });
            }
        }
        assertEquals(List.of(), violations, "library types outside their package");
    }

    /** The scan itself: it must see imports and qualified names, or the rules above would pass on nothing. */
    @Test
    void theScanSeesImportsAndQualifiedNames() {
        SourceFile file = SourceFile.of(Path.of("X.java"), "package dev.encore.control;\n"
                + "import dev.encore.store.SessionSummary;\nimport static dev.encore.audio.Ffmpeg.onPath;\n"
                + "class X { dev.encore.mirror.Mirror m; String s = \"dev.encore.app.Main\"; }\n");
        assertEquals("control", file.pkg);
        assertEquals(Set.of("store", "audio", "mirror"), file.encorePackages().keySet());
        assertFalse(allowed("control", "store"));
        assertTrue(allowed("control.osc", "control"));
        assertTrue(allowed("app.nsm", "control.osc"));
        assertTrue(allowed("session", ""));
        List<SourceFile> all = parse();
        assertTrue(all.size() > 100, "src/main was scanned: " + all.size() + " files");
        assertTrue(uses(all).containsKey("app"), "app's imports were seen");
    }

    private static boolean allowed(String from, String to) {
        if (to.equals(from) || to.isEmpty()) {
            return true;
        }
        if (from.equals("app") || from.startsWith("app.")) {
            return true;
        }
        Set<String> allowed = ALLOWED.get(from);
        return allowed != null && allowed.contains(to);
    }

    /** A path of use from {@code start} to {@code goal}, or null when there is none. */
    private static List<String> path(Map<String, Map<String, String>> uses, String start, String goal) {
        Map<String, String> cameFrom = new LinkedHashMap<>();
        List<String> queue = new ArrayList<>(List.of(start));
        cameFrom.put(start, null);
        for (int i = 0; i < queue.size(); i++) {
            String at = queue.get(i);
            if (at.equals(goal)) {
                List<String> route = new ArrayList<>();
                for (String step = at; step != null; step = cameFrom.get(step)) {
                    route.add(0, step);
                }
                return route;
            }
            for (String next : uses.getOrDefault(at, Map.of()).keySet()) {
                if (!cameFrom.containsKey(next)) {
                    cameFrom.put(next, at);
                    queue.add(next);
                }
            }
        }
        return null;
    }

    /** For each package, the other Encore packages it uses (the root excluded), each with one file that does. */
    private static Map<String, Map<String, String>> uses(List<SourceFile> files) {
        Map<String, Map<String, String>> uses = new TreeMap<>();
        for (SourceFile file : files) {
            file.encorePackages().forEach((to, where) -> {
                if (!to.equals(file.pkg) && !to.isEmpty()) {
                    uses.computeIfAbsent(file.pkg, p -> new TreeMap<>()).putIfAbsent(to, file.path + " uses " + where);
                }
            });
        }
        return uses;
    }

    private static List<SourceFile> parse() {
        try (Stream<Path> paths = Files.walk(SOURCES)) {
            List<SourceFile> files = new ArrayList<>();
            for (Path path : paths.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                files.add(SourceFile.of(SOURCES.relativize(path), Files.readString(path)));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One source file: its package below dev.encore ("" for the root) and every name it imports. */
    private record SourceFile(Path path, String pkg, Set<String> imports, Set<String> qualified) {
        static SourceFile of(Path path, String text) {
            Matcher p = PACKAGE.matcher(text);
            String pkg = p.find() ? p.group(1) : "";
            Set<String> imports = new TreeSet<>();
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                imports.add(m.group(1));
            }
            Set<String> qualified = new TreeSet<>();
            Matcher q = QUALIFIED.matcher(withoutStrings(text.substring(text.indexOf(';') + 1)));
            while (q.find()) {
                qualified.add(q.group());
            }
            return new SourceFile(path, relative(pkg), imports, qualified);
        }

        /** The Encore packages this file names, each with the first name that shows it. */
        Map<String, String> encorePackages() {
            Map<String, String> packages = new LinkedHashMap<>();
            Set<String> names = new LinkedHashSet<>(imports);
            names.addAll(qualified);
            for (String name : names) {
                if (name.equals(BASE) || name.startsWith(BASE + ".")) {
                    packages.putIfAbsent(relative(packageOf(name)), name);
                }
            }
            return packages;
        }

        /** The package part of a qualified name: the segments before the first capitalised one. */
        private static String packageOf(String name) {
            String[] parts = name.split("\\.");
            StringBuilder pkg = new StringBuilder();
            for (String part : parts) {
                if (Character.isUpperCase(part.charAt(0))) {
                    break;
                }
                pkg.append(pkg.length() == 0 ? "" : ".").append(part);
            }
            return pkg.toString();
        }

        private static String relative(String pkg) {
            return pkg.equals(ROOT) ? "" : pkg.startsWith(BASE + ".") ? pkg.substring(BASE.length() + 1) : pkg;
        }

        /** The text with string literals and comments blanked, so "dev.encore.x.Y" in a message counts for nothing. */
        private static String withoutStrings(String text) {
            return LITERALS_AND_COMMENTS.matcher(text).replaceAll(r -> r.group().startsWith("\"") ? "\"\"" : " ");
        }
    }
}
