package dev.encore.it;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What a stagehand does to a data folder from outside Encore: copy it, list it, remove from it, damage it. */
final class DataFolders {
    private DataFolders() {
    }

    /** Copies a whole folder, as a backup or a fresh trial needs. */
    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path p : tree.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Removes a file, or a folder with everything in it. */
    static void remove(Path entry) throws IOException {
        try (Stream<Path> tree = Files.walk(entry)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Every non-empty regular file under {@code root}, as paths relative to it, sorted; none under {@code skipped} folders. */
    static List<Path> nonEmptyFiles(Path root, List<String> skipped) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            return tree.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .filter(p -> !skipped.contains(p.getName(0).toString()))
                    .filter(p -> size(root.resolve(p)) > 0)
                    .sorted()
                    .toList();
        }
    }

    /** Flips one bit of one byte in place, as a failing disk or cable does, without changing the file's size. */
    static void flipBit(Path file, long offset, int bit) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            if (ch.read(one, offset) != 1) {
                throw new IOException("no byte at " + offset + " of " + file);
            }
            one.put(0, (byte) (one.get(0) ^ (1 << bit))).rewind();
            ch.write(one, offset);
            ch.force(false);
        }
    }

    /** A run that makes a name one of a family: 8 or more hex digits (an id, a hash) or any decimal number. */
    private static final Pattern NUMBERING = Pattern.compile("[0-9a-f]{8,}|[0-9]+");

    /**
     * In every folder below {@code root} (not root itself, none under {@code skipped}), for every family
     * of file names that differ only in an id or a number ({@code 0f69a2db6f5719cf.json},
     * {@code draft-0f69a2db6f5719cf.json}, {@code 00000003.seg}), creates one more member that is an
     * empty file: what a crash between creating a file and writing it leaves. Returns them relative to root.
     */
    static List<Path> addEmptyLookalikes(Path root, List<String> skipped) throws IOException {
        List<Path> created = new ArrayList<>();
        List<Path> folders;
        try (Stream<Path> tree = Files.walk(root)) {
            folders = tree.filter(Files::isDirectory).filter(d -> !d.equals(root))
                    .filter(d -> !skipped.contains(root.relativize(d).getName(0).toString())).sorted().toList();
        }
        for (Path folder : folders) {
            Map<String, String> lastOfFamily = new TreeMap<>();
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).sorted().forEach(name -> {
                    String family = NUMBERING.matcher(name).replaceAll("#");
                    if (!family.equals(name)) {
                        lastOfFamily.put(family, name);
                    }
                });
            }
            for (String last : lastOfFamily.values()) {
                String name = last;
                for (int i = 0; i < 100 && Files.exists(folder.resolve(name)); i++) {
                    name = nextInFamily(name);
                }
                Files.createFile(folder.resolve(name));
                created.add(root.relativize(folder.resolve(name)));
            }
        }
        return created;
    }

    /** The name with its last id or number stepped on by one: {@code 0041.seg} to {@code 0042.seg}, {@code ..9f.json} to {@code ..a0.json}. */
    static String nextInFamily(String name) {
        Matcher m = NUMBERING.matcher(name);
        int start = -1;
        int end = -1;
        while (m.find()) {
            start = m.start();
            end = m.end();
        }
        String run = name.substring(start, end);
        int radix = run.chars().allMatch(Character::isDigit) ? 10 : 16;
        String stepped = new BigInteger(run, radix).add(BigInteger.ONE).toString(radix);
        String next = stepped.length() >= run.length()
                ? stepped.substring(stepped.length() - run.length())
                : "0".repeat(run.length() - stepped.length()) + stepped;
        return name.substring(0, start) + next + name.substring(end);
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
