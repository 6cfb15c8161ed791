package dev.encore.app;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.app.nsm.NsmClient;
import dev.encore.app.nsm.NsmUrl;
import dev.encore.control.ControlMap;
import dev.encore.control.map.ControlMapReader;
import dev.encore.control.midi.CoreMidiDeviceSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The daemon started by a session manager ({@code NSM_URL} set): announce, then open Encore on the
 * folder NSM gives, with the command line's map, ports and mirror flags. A map named {@code osc-map.yaml}
 * in that folder wins over {@code ./osc-map.yaml}, so each instance in a session can have its own port.
 */
final class NsmMode {
    /** Set by bin/encore to the name it was started as, which NSM starts again when the session reopens. */
    static final String EXECUTABLE_ENV = "ENCORE_EXECUTABLE";
    private static final String DEFAULT_EXECUTABLE = "encore";

    private NsmMode() {
    }

    /**
     * Runs under the session manager until SIGTERM and returns the exit code, or null when there is
     * no session manager to run under (the URL is invalid, refused or unanswered): the API says to go
     * on without session management then, and the caller runs the plain daemon.
     */
    static Integer run(String urlText, DaemonOptions options, PrintStream out, PrintStream err) {
        NsmUrl url;
        try {
            url = NsmUrl.parse(urlText);
        } catch (IllegalArgumentException e) {
            err.println("Encore: " + e.getMessage() + "; running without session management.");
            return null;
        }
        try {
            DaemonConfig config = DaemonConfig.load(options);
            config.osc();
            Main.checkMirrorKey(config); // a key named on the command line is read before Encore announces
        } catch (EncoreException e) {
            err.println(e.getMessage());
            return Main.FAILED;
        }
        JulLogging.consoleOnly(out);
        String executable = System.getenv().getOrDefault(EXECUTABLE_ENV, DEFAULT_EXECUTABLE);
        NsmClient client;
        try {
            client = NsmClient.create(url, executable, (folder, sink) -> open(options, folder, sink, out));
        } catch (IOException e) {
            err.println("Encore: cannot open a UDP socket for the session manager: " + e.getMessage() + ".");
            return Main.FAILED;
        }
        Thread hook = new Thread(() -> {
            Path folder = client.folder().orElse(null);
            client.close();
            out.println("Encore stopped" + (folder == null ? "." : "; sessions and unsaved changes are kept in " + folder + "."));
        }, "encore-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            NsmClient.Welcome welcome = client.announce();
            if (!welcome.managed()) {
                Runtime.getRuntime().removeShutdownHook(hook);
                client.close();
                err.println("Encore: " + welcome.message() + "; running without session management.");
                return null;
            }
            out.println("Encore: " + welcome.message() + ". Waiting for it to open a project.");
            client.serve();
        } catch (IOException e) {
            err.println("Encore: talking to the session manager at " + url.text() + " failed: " + e.getMessage() + ".");
            return Main.FAILED;
        }
        if (client.engineFailure() != null) {
            err.println("Encore stopped because its session engine failed: " + client.engineFailure().describe()
                    + ". The log in the project's logs/ folder has the details; the session manager can start it again.");
            return Main.FAILED;
        }
        return Main.STOPPED_BY_SIGNAL;
    }

    private static Daemon open(DaemonOptions options, Path folder, dev.encore.feedback.FeedbackSink sink, PrintStream out) {
        Path map = ControlMapReader.locate(options.mapFile(), folder);
        DaemonConfig config = DaemonConfig.load(new DaemonOptions(DaemonOptions.Mode.RUN, folder, map, options.oscPort(),
                options.replyPort(), options.media(), options.mirror()));
        config.osc();
        Main.checkMirrorKey(config); // before the project's logs or store are made: a bad key leaves the folder as it was
        try {
            out.println("Encore: logs in " + JulLogging.configure(config.dataDir(), out));
        } catch (IOException e) {
            throw new EncoreException(Reason.STORAGE_DENIED, "Cannot write the log in " + folder.resolve("logs") + ": " + e.getMessage() + ".");
        }
        Daemon daemon;
        try {
            daemon = Daemon.start(config, new CoreMidiDeviceSource(), List.of(sink));
        } catch (EncoreException e) {
            throw new EncoreException(e.reason(), e.getMessage() + " Under a session manager each Encore reads " + ControlMap.FILE_NAME
                    + " from its own folder first: copy one to " + folder + " (another osc: port: for a second Encore in the"
                    + " session) and open the session again.", e);
        }
        out.println("Encore is running. OSC on " + config.osc().bindHost() + " port " + daemon.oscPort()
                + " (UDP and TCP), replies to port " + config.osc().replyPort() + ".");
        out.println("Data in " + daemon.dataDir() + ", map " + config.mapSource() + ". Under session management.");
        return daemon;
    }
}
