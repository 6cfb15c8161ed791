package dev.encore.control.osc;

import java.net.InetAddress;

/** Who sent a command, and so where its reply goes: a UDP sender's IP or one TCP connection. */
sealed interface Peer permits Peer.Udp, TcpClient {

    /** The origin string put in {@code ControlCommand.origin()}, usable with {@code JavaOscServer.send}. */
    String origin();

    InetAddress address();

    /**
     * A UDP sender, known by IP: replies go to that IP's subscriptions, not to its source port. Each
     * datagram makes a new one with its own {@link ReplyBudget}.
     */
    record Udp(InetAddress address, ReplyBudget budget) implements Peer {
        Udp(InetAddress address) {
            this(address, new ReplyBudget());
        }

        @Override
        public String origin() {
            return "osc-udp:" + address.getHostAddress();
        }
    }
}
