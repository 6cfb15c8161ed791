package dev.encore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.app.OscClient;
import dev.encore.app.OscClient.Message;
import dev.encore.it.EncoreJar.Finished;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A stage for the packaged jar: a data folder, an osc-map.yaml that keeps OSC on 127.0.0.1, and a
 * controller (a real UDP socket on 127.0.0.1 that is every daemon's reply port). Daemons and
 * rebuilds are started on that folder as often as a test needs, each a child JVM whose output is
 * kept in its own file. The controller does what a performer does: set parameters, save, list,
 * open, and read the parameters back.
 */
final class JarStage implements AutoCloseable {
    /** Loopback only, and no heartbeats between the replies a test waits for. */
    static final String MAP = """
            osc:
              host: 127.0.0.1
              heartbeat_s: 0
            """;

    final Path dir;
    final Path data;
    final Path map;
    final OscClient osc;
    private final Path outputs;
    private final List<DaemonProcess> launched = new ArrayList<>();
    private int runs;

    JarStage(Path dir) throws IOException {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.map = dir.resolve("osc-map.yaml");
        this.outputs = dir.resolve("output");
        Files.createDirectories(outputs);
        Files.writeString(map, MAP);
        this.osc = new OscClient();
    }

    /** The arguments of a plain start on this stage's folder. */
    List<String> startArgs() throws IOException {
        return List.of("--data", data.toString(), "--map", map.toString(), "--osc-port", "0",
                "--reply-port", Integer.toString(osc.port()));
    }

    List<String> rebuildArgs() {
        return List.of("--rebuild", "--data", data.toString());
    }

    /** Starts a daemon without waiting for it; see {@link DaemonProcess#awaitRunning()}. */
    DaemonProcess launch() throws IOException {
        return launched(DaemonProcess.launch(dir, nextOutput("start"), startArgs()));
    }

    /** Starts a daemon and waits until it listens; a refused start fails the test with what it printed. */
    DaemonProcess start() throws IOException, InterruptedException {
        DaemonProcess daemon = launch();
        if (daemon.awaitRunning().isEmpty()) {
            throw new AssertionError("Encore did not start on " + data + " (exit " + daemon.exitCode()
                    + "); it printed:\n" + daemon.output());
        }
        talkTo(daemon);
        return daemon;
    }

    /** Points the controller at a running daemon, forgetting what earlier daemons sent. */
    void talkTo(DaemonProcess daemon) throws IOException {
        osc.to(daemon.port());
        osc.drain();
    }

    /** Starts {@code --rebuild} without waiting for it (for tests that interrupt it). */
    DaemonProcess launchRebuild() throws IOException {
        return launched(DaemonProcess.launch(dir, nextOutput("rebuild"), rebuildArgs()));
    }

    /** Runs {@code java -jar encore.jar --rebuild --data <folder>} to its end. */
    Finished rebuild() throws IOException, InterruptedException {
        return EncoreJar.run(dir, nextOutput("rebuild"), DaemonProcess.START_TIMEOUT, rebuildArgs());
    }

    private DaemonProcess launched(DaemonProcess child) {
        launched.add(child);
        return child;
    }

    private Path nextOutput(String what) {
        runs++;
        return outputs.resolve(String.format("%03d-%s.txt", runs, what));
    }

    /** Everything every child printed on this stage, in the order they ran. */
    String printed() throws IOException {
        return concatenated(outputs);
    }

    /** A moment in a stage's life: what ran before it and when. */
    record Mark(int runs, LocalDateTime time) {
    }

    Mark mark() {
        return new Mark(runs, LocalDateTime.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * What children started after {@code mark} printed, and the lines the daemon logged to the data
     * folder's logs/ since then (log lines start with their local time, {@code 2026-12-01 08:47:26.967}).
     */
    String printedAndLoggedSince(Mark mark) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(outputs)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (Integer.parseInt(name.substring(0, name.indexOf('-'))) > mark.runs()) {
                    all.append("== ").append(dir.relativize(f)).append('\n').append(Files.readString(f));
                }
            }
        }
        Path logs = data.resolve("logs");
        if (Files.isDirectory(logs)) {
            try (Stream<Path> files = Files.list(logs)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    all.append("== ").append(dir.relativize(f)).append(" since ").append(mark.time()).append('\n');
                    boolean since = false;
                    for (String line : Files.readAllLines(f)) {
                        Matcher m = LOG_TIME.matcher(line);
                        if (m.lookingAt()) {
                            since = !LocalDateTime.parse(m.group(1) + "T" + m.group(2)).isBefore(mark.time());
                        }
                        if (since) {
                            all.append(line).append('\n');
                        }
                    }
                }
            }
        }
        return all.toString();
    }

    private static final Pattern LOG_TIME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) ");

    private String concatenated(Path folder) throws IOException {
        StringBuilder all = new StringBuilder();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    all.append("== ").append(dir.relativize(f)).append('\n').append(Files.readString(f));
                }
            }
        }
        return all.toString();
    }

    // ---- what the performer does over OSC ----

    /**
     * Saves each song as a new session: its parameters, then {@code /encore/save_copy name}, which
     * commits the live state as a new session and leaves the previous one as it was saved (its
     * unsaved changes go with the copy). Each commit is acknowledged before the next song starts.
     */
    void saveAll(List<Song> songs) throws IOException {
        for (Song song : songs) {
            set(song);
            assertReply(osc.request("/encore/save_copy", song.name()));
            osc.drain();
        }
    }

    /** Opens the song's session, sets the song's parameters and saves them: a newer revision of it. */
    void resave(Song song) throws IOException {
        assertReply(osc.request("/encore/open", song.name()));
        set(song);
        assertReply(osc.request("/encore/save"));
        osc.drain();
    }

    private void set(Song song) throws IOException {
        for (Map.Entry<String, List<Object>> p : song.params().entrySet()) {
            assertReply(osc.request("/encore/param/" + p.getKey(), p.getValue().toArray()));
        }
    }

    /** The session names {@code /encore/list} answers, in setlist order. */
    List<String> listed() throws IOException {
        osc.drain();
        osc.send("/encore/list");
        List<Message> answer = osc.until(m -> (m.address().equals("/encore/reply") || m.address().equals("/encore/error"))
                && m.arg(0).equals("/encore/list"));
        assertReply(answer.get(answer.size() - 1));
        return answer.stream().filter(m -> m.address().equals("/encore/list/item")).map(m -> (String) m.arg(1)).toList();
    }

    /**
     * Opens the named session and reads the given parameters back: each as type-tagged values
     * ({@link Song#describe}), empty when it is not set; a refused open is the only entry.
     */
    Map<String, List<String>> open(String name, Collection<String> paths) throws IOException {
        Message opened = osc.request("/encore/open", name);
        if (!opened.address().equals("/encore/reply")) {
            return Map.of("/encore/open", List.of(opened.toString()));
        }
        return read(paths);
    }

    /** What the performer finds for every song: opened by name, its parameters read back. */
    Map<String, Map<String, List<String>>> found(Collection<Song> songs) throws IOException {
        Map<String, Map<String, List<String>>> found = new LinkedHashMap<>();
        for (Song song : songs) {
            found.put(song.name(), open(song.name(), song.params().keySet()));
        }
        osc.drain();
        return found;
    }

    /** What the songs were saved with, in the form of {@link #found}. */
    static Map<String, Map<String, List<String>>> saved(Collection<Song> songs) {
        Map<String, Map<String, List<String>>> saved = new LinkedHashMap<>();
        songs.forEach(song -> saved.put(song.name(), song.described()));
        return saved;
    }

    static List<String> names(Collection<Song> songs) {
        return songs.stream().map(Song::name).toList();
    }

    private Map<String, List<String>> read(Collection<String> paths) throws IOException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String path : paths) {
            Message value = osc.request("/encore/param/" + path);
            assertReply(value);
            values.put(path, Song.describe(value.args().subList(2, value.args().size())));
        }
        return values;
    }

    private static void assertReply(Message answer) {
        assertEquals("/encore/reply", answer.address(), () -> "the daemon refused: " + answer);
    }

    /** Kills every child a failed test left running, then closes the controller. */
    @Override
    public void close() {
        launched.forEach(DaemonProcess::close);
        try {
            osc.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
