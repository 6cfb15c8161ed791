package dev.encore.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.app.OscClient.Message;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TCP controllers over real sockets: idle and half-frame connections cannot lock a real controller out. */
class DaemonTcpLockoutTest {
    private static final int END = 0xC0;

    @TempDir
    Path dir;

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        socket.setSoTimeout(5_000);
        return socket;
    }

    /** An OSC message in OSC 1.1 SLIP framing (the daemon's default). */
    private static byte[] slip(byte[] packet) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(END);
        for (byte b : packet) {
            if ((b & 0xFF) == END) {
                out.write(0xDB);
                out.write(0xDC);
            } else if ((b & 0xFF) == 0xDB) {
                out.write(0xDB);
                out.write(0xDD);
            } else {
                out.write(b);
            }
        }
        out.write(END);
        return out.toByteArray();
    }

    /** The next SLIP frame the daemon sends on {@code socket}, decoded. */
    private static Message receive(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the daemon closed the connection");
            }
            if (b == END) {
                if (frame.size() > 0) {
                    return OscClient.decode(ByteBuffer.wrap(frame.toByteArray()));
                }
            } else if (b == 0xDB) {
                int next = in.read();
                frame.write(next == 0xDC ? END : 0xDB);
            } else {
                frame.write(b);
            }
        }
    }

    private static Message request(Socket socket, String address) throws IOException {
        socket.getOutputStream().write(slip(OscClient.encode(address)));
        while (true) {
            Message m = receive(socket);
            if ((m.address().equals("/encore/reply") || m.address().equals("/encore/error")) && m.arg(0).equals(address)) {
                return m;
            }
        }
    }

    private static boolean closedByDaemonWithin(Socket socket, long ms) throws IOException {
        socket.setSoTimeout((int) ms);
        try {
            while (socket.getInputStream().read() >= 0) {
                // pushes may arrive first
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void sixteenIdleAndHalfFrameConnectionsDoNotLockOutARealController() throws Exception {
        try (DaemonStage stage = new DaemonStage(dir, DaemonStage.QUIET_MAP)) {
            int port = stage.daemon().oscPort();
            List<Socket> hostile = new ArrayList<>();
            try {
                for (int i = 0; i < 16; i++) {
                    Socket s = connect(port);
                    if (i % 2 == 1) {
                        byte[] half = slip(OscClient.encode("/encore/ping"));
                        s.getOutputStream().write(half, 0, half.length / 2);
                    }
                    hostile.add(s);
                }
                Thread.sleep(200);
                try (Socket controller = connect(port)) {
                    Message reply = request(controller, "/encore/ping");
                    assertEquals("/encore/reply", reply.address(), reply.toString());
                }
            } finally {
                for (Socket s : hostile) {
                    s.close();
                }
            }
        }
    }

    @Test
    void connectionsThatSendNothingOrHalfAFrameAreClosedAfterTheIdleTimeoutAndAQuietControllerStays() throws Exception {
        try (DaemonStage stage = new DaemonStage(dir, DaemonStage.QUIET_MAP.replace("osc:\n", "osc:\n  tcp_idle_timeout_s: 1\n"));
                Socket silent = connect(stage.daemon().oscPort());
                Socket half = connect(stage.daemon().oscPort());
                Socket display = connect(stage.daemon().oscPort())) {
            byte[] frame = slip(OscClient.encode("/encore/ping"));
            half.getOutputStream().write(frame, 0, frame.length / 2);
            assertEquals("/encore/reply", request(display, "/encore/ping").address());
            assertEquals(true, closedByDaemonWithin(silent, 4_000), "a connection that never sent anything");
            assertEquals(true, closedByDaemonWithin(half, 4_000), "a connection stuck half-way through a frame");
            display.setSoTimeout(5_000);
            assertEquals("/encore/reply", request(display, "/encore/ping").address(),
                    "a controller that sent a command and then only listens stays connected");
        }
    }
}
