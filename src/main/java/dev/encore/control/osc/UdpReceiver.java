package dev.encore.control.osc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

/**
 * The UDP listener thread's loop: receive, check the allow-list, decode, hand over. Every packet is
 * handled inside its own catch, so a malformed, oversize or hostile datagram costs one (rate-limited)
 * log line and never the thread; only closing the channel ends the loop.
 */
final class UdpReceiver implements Runnable {
    private final DatagramChannel channel;
    private final int maxPacketBytes;
    private final AllowList allow;
    private final CommandIntake intake;
    private final LogThrottle throttle;
    private final OscCodec codec = new OscCodec();

    UdpReceiver(DatagramChannel channel, int maxPacketBytes, AllowList allow, CommandIntake intake,
            LogThrottle throttle) {
        this.channel = channel;
        this.maxPacketBytes = maxPacketBytes;
        this.allow = allow;
        this.intake = intake;
        this.throttle = throttle;
    }

    @Override
    public void run() {
        ByteBuffer buffer = ByteBuffer.allocate(maxPacketBytes + 1);
        while (channel.isOpen()) {
            buffer.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) channel.receive(buffer);
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                throttle.warn("udp-receive", "OSC UDP receive failed: {}", e.toString());
                continue;
            }
            buffer.flip();
            try {
                handle(from, buffer);
            } catch (RuntimeException | StackOverflowError e) {
                throttle.warn("udp-packet", "Dropped an OSC packet from {}: {}", from, e.toString());
            }
        }
    }

    private void handle(InetSocketAddress from, ByteBuffer datagram) {
        if (!allow.allows(from.getAddress())) {
            throttle.once("denied " + from.getAddress().getHostAddress(),
                    "Ignoring OSC from {}: not in the allow list {}", from.getAddress(), allow);
            return;
        }
        if (datagram.remaining() > maxPacketBytes) {
            throttle.warn("oversize", "Dropped an OSC datagram from {} larger than {} bytes", from, maxPacketBytes);
            return;
        }
        OscPacket packet;
        try {
            packet = codec.decode(datagram);
        } catch (OscCodec.RefusedMessage e) {
            throttle.warn("refused", "Refused an OSC message from {}: {}", from, e.getMessage());
            intake.refuse(new Peer.Udp(from.getAddress()), e.address(), e.getMessage());
            return;
        } catch (ProtocolException e) {
            throttle.warn("malformed", "Dropped a malformed OSC packet from {}: {}", from, e.getMessage());
            return;
        }
        intake.accept(new Peer.Udp(from.getAddress()), packet);
    }
}
