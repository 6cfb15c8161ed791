package dev.encore.app;

import dev.encore.control.midi.MidiDeviceSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A daemon started in-process as {@code java -jar encore.jar} would start it: a temp data folder, an
 * osc-map.yaml written by the test, OSC on an ephemeral port of 127.0.0.1 and replies to the test
 * controller's own UDP port. It can be stopped and started again on the same data folder.
 */
final class DaemonStage implements AutoCloseable {
    static final String QUIET_MAP = """
            osc:
              host: 127.0.0.1
              heartbeat_s: 0
            """;

    final Path data;
    final Path map;
    final OscClient client;
    private final MidiDeviceSource midi;
    private Daemon daemon;

    DaemonStage(Path dir, String mapYaml) throws IOException {
        this(dir, mapYaml, List::of);
    }

    DaemonStage(Path dir, String mapYaml, MidiDeviceSource midi) throws IOException {
        this(dir, mapYaml, midi, new OscClient());
    }

    /** A stage whose controller is {@code client}: its port is the daemon's reply port. */
    DaemonStage(Path dir, String mapYaml, MidiDeviceSource midi, OscClient client) throws IOException {
        this.data = dir.resolve("data");
        this.map = dir.resolve("osc-map.yaml");
        Files.writeString(map, mapYaml);
        this.midi = midi;
        this.client = client;
        start();
    }

    void start() throws IOException {
        DaemonOptions options = new DaemonOptions(DaemonOptions.Mode.RUN, data, map, 0, client.port(), null);
        daemon = Daemon.start(DaemonConfig.load(options), midi);
        client.to(daemon.oscPort());
    }

    void restart() throws IOException {
        daemon.close();
        client.drain();
        start();
    }

    Daemon daemon() {
        return daemon;
    }

    @Override
    public void close() throws IOException {
        daemon.close();
        client.close();
    }
}
