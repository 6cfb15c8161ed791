package dev.encore.app.cli;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code encore send ADDRESS [ARGS...]}: one OSC command to a running daemon over TCP, its reply
 * printed; exit 0 for {@code /encore/reply}, 1 for {@code /encore/error} or no answer. The port is
 * the one the data folder's lock names, so {@code --data} alone finds the daemon that holds it.
 */
@Command(name = "send", mixinStandardHelpOptions = true, versionProvider = EncoreVersion.class,
        description = {"Send one OSC command to a running daemon over TCP and print its reply; exit 0 on /encore/reply, 1 on /encore/error.",
                "Arguments: i:5 f:0.5 s:text h:64-bit d:double T F, or untyped (whole number = int, decimal = float, else string)."})
public final class SendCommand extends FolderCommand {
    @Option(names = "--host", description = "the daemon's host (default 127.0.0.1)")
    private String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "N", converter = PortConverter.Reply.class,
            description = "the daemon's OSC port (default: the port the data folder's lock names, else 8000)")
    private Integer port;

    @Option(names = "--framing", description = "TCP framing as in osc-map.yaml: slip (default) or size_prefix")
    private String framing = "slip";

    @Option(names = "--timeout-ms", paramLabel = "MS", description = "how long to wait for the reply (default 10000)")
    private int timeoutMs = 10_000;

    @Parameters(index = "0", paramLabel = "ADDRESS", description = "the command, e.g. /encore/save")
    private String address;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "its arguments")
    private List<String> args = new ArrayList<>();

    public SendCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    public Integer call() throws IOException {
        if (!address.startsWith("/")) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "'" + address + "' is not an OSC address; commands look like /encore/list.");
        }
        if (!framing.equals("slip") && !framing.equals("size_prefix")) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "--framing is slip or size_prefix, not '" + framing + "'.");
        }
        String requestId = "req:cli-" + ProcessHandle.current().pid();
        List<Object> values = new ArrayList<>();
        args.forEach(a -> values.add(OscMessage.argument(a)));
        values.add(requestId);
        int target = port != null ? port : portFromLock(data.path());
        try (DaemonConnection daemon = DaemonConnection.open(host, target, framing, timeoutMs)) {
            daemon.send(new OscMessage(address, values));
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (System.currentTimeMillis() < deadline) {
                OscMessage m = daemon.receive();
                if (m == null || m.args().isEmpty() || !requestId.equals(m.args().get(m.args().size() - 1))) {
                    continue; // a push, a heartbeat, or the answer to someone else
                }
                List<Object> shown = m.args().subList(0, m.args().size() - 1);
                String line = new OscMessage(m.address(), shown).toString();
                if (m.address().equals("/encore/error")) {
                    terminal.err().println(line);
                    return ExitCode.FAILED;
                }
                terminal.out().println(line);
                return ExitCode.OK;
            }
        } catch (SocketTimeoutException e) {
            // reported below
        }
        throw new EncoreException(Reason.GENERAL, "Encore on " + host + " port " + target + " did not answer " + address + " within "
                + timeoutMs + " ms; its log in the data folder's logs/ says why.");
    }

    /** The port the folder's lock names, else the map's default 8000. */
    static int portFromLock(Path dataDir) {
        return FolderHolder.of(dataDir).map(FolderHolder::oscPort).orElse(8000);
    }
}
