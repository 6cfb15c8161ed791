package dev.encore.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** The start-up baseline: a JVM that binds a UDP port on 127.0.0.1 and echoes every datagram. Argument: PORT. */
final class BareUdpAnswer {
    private BareUdpAnswer() {
    }

    public static void main(String[] args) throws IOException {
        try (DatagramChannel ch = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])))) {
            ByteBuffer b = ByteBuffer.allocate(2048);
            while (true) {
                b.clear();
                SocketAddress from = ch.receive(b);
                b.flip();
                ch.send(b, from);
            }
        }
    }
}
