package dev.encore.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TCP controller (OSC 1.0 size-prefix framing, as liblo speaks it) gets its answers on its own connection. */
class DaemonTcpTest {
    @TempDir
    Path dir;

    @Test
    void aTcpClientGetsItsReplyAndPushesOnItsConnection() throws IOException {
        String map = "osc:\n  host: 127.0.0.1\n  heartbeat_s: 0\n  tcp_framing: size_prefix\n";
        try (DaemonStage stage = new DaemonStage(dir, map);
                Socket socket = new Socket("127.0.0.1", stage.daemon().oscPort())) {
            socket.setSoTimeout((int) OscClient.WAIT_MS);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            send(out, OscClient.encode("/encore/param/mix/gain", 0.5f));
            assertEquals("/encore/reply", addressOf(in));
            send(out, OscClient.encode("/encore/save", "Over TCP"));
            String seen = "";
            while (!seen.contains("/encore/session")) {
                seen += addressOf(in) + " ";
            }
            assertTrue(seen.contains("/encore/status"), "status pushes reach the TCP client: " + seen);
        }
    }

    private static void send(DataOutputStream out, byte[] packet) throws IOException {
        out.writeInt(packet.length);
        out.write(packet);
        out.flush();
    }

    private static String addressOf(DataInputStream in) throws IOException {
        byte[] packet = new byte[in.readInt()];
        in.readFully(packet);
        int end = 0;
        while (packet[end] != 0) {
            end++;
        }
        return new String(packet, 0, end, StandardCharsets.UTF_8);
    }
}
