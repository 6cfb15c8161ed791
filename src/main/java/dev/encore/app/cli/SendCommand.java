package dev.encore.app.cli;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
public final class SendCommand implements Callable<Integer> {
    private static final Pattern LOCK_PORT = Pattern.compile("OSC port (\\d+)");
    private static final int END = 0xC0;
    private static final int ESC = 0xDB;

    private final Terminal terminal;

    @Mixin
    private DataFolder data;

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
        this.terminal = terminal;
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
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, target), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            write(socket.getOutputStream(), new OscMessage(address, values).encode());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (System.currentTimeMillis() < deadline) {
                OscMessage m = OscMessage.decode(read(in));
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
        } catch (java.net.ConnectException e) {
            throw new EncoreException(Reason.GENERAL, "No Encore answers on " + host + " port " + target + " (TCP): start the daemon,"
                    + " or give --port (and --host) where it listens.");
        } catch (SocketTimeoutException e) {
            // reported below
        }
        throw new EncoreException(Reason.GENERAL, "Encore on " + host + " port " + target + " did not answer " + address + " within "
                + timeoutMs + " ms; its log in the data folder's logs/ says why.");
    }

    private static int portFromLock(Path dataDir) {
        try {
            Matcher m = LOCK_PORT.matcher(Files.readString(dataDir.resolve("encore.lock")));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        } catch (IOException | RuntimeException e) {
            // no lock, or one without a port: the default below
        }
        return 8000;
    }

    private void write(OutputStream out, byte[] packet) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(packet.length + 8);
        if (framing.equals("slip")) {
            frame.write(END);
            for (byte b : packet) {
                int v = b & 0xFF;
                if (v == END) {
                    frame.write(ESC);
                    frame.write(0xDC);
                } else if (v == ESC) {
                    frame.write(ESC);
                    frame.write(0xDD);
                } else {
                    frame.write(v);
                }
            }
            frame.write(END);
        } else {
            new java.io.DataOutputStream(frame).writeInt(packet.length);
            frame.write(packet);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    private byte[] read(DataInputStream in) throws IOException {
        if (framing.equals("size_prefix")) {
            byte[] packet = new byte[in.readInt()];
            in.readFully(packet);
            return packet;
        }
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        while (true) {
            int v = next(in);
            if (v == END) {
                if (packet.size() > 0) {
                    return packet.toByteArray();
                }
            } else if (v == ESC) {
                int e = next(in);
                packet.write(e == 0xDC ? END : e == 0xDD ? ESC : e);
            } else {
                packet.write(v);
            }
        }
    }

    private static int next(InputStream in) throws IOException {
        int v = in.read();
        if (v < 0) {
            throw new java.io.EOFException("the daemon closed the connection");
        }
        return v;
    }
}
