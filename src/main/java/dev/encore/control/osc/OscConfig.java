package dev.encore.control.osc;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.control.OscSettings;
import dev.encore.control.TcpFraming;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the OSC transport needs, with the defaults a TouchOSC user expects (listen on 8000,
 * answer on 9000), which are osc-map.yaml's ({@link OscSettings}). Validated when built, so a wrong osc-map.yaml value fails at start with its fix.
 *
 * @param bindHost interface address to listen on ({@code 0.0.0.0} for every IPv4 interface)
 * @param port UDP and TCP port; 0 picks a free one (see {@link JavaOscServer#port()})
 * @param replyPort port on each sender's IP that receives replies and pushes
 * @param allow senders that are listened to
 * @param maxPacketBytes largest accepted datagram or TCP frame; bigger ones are dropped
 * @param subscriberTimeout how long an automatic UDP subscriber may stay silent before pushes to it
 *     stop; explicit subscriptions ({@code /encore/subscribe}) never expire
 * @param tcpFraming packet delimiting on TCP connections
 * @param heartbeatInterval time between heartbeats; zero turns them off
 * @param maxTcpClients simultaneous TCP connections; zero turns TCP off
 * @param maxTcpClientsPerAddress simultaneous TCP connections from one IP address
 * @param tcpIdleTimeout how long a TCP connection may send nothing after connecting, or hold half a
 *     frame, before it is closed
 */
public record OscConfig(String bindHost, int port, int replyPort, AllowList allow, int maxPacketBytes,
        Duration subscriberTimeout, TcpFraming tcpFraming, Duration heartbeatInterval, int maxTcpClients,
        int maxTcpClientsPerAddress, Duration tcpIdleTimeout) {
    public static final String DEFAULT_BIND_HOST = OscSettings.DEFAULT_BIND_HOST;
    public static final int DEFAULT_PORT = OscSettings.DEFAULT_PORT;
    public static final int DEFAULT_REPLY_PORT = OscSettings.DEFAULT_REPLY_PORT;
    public static final int MAX_UDP_PAYLOAD_BYTES = OscSettings.MAX_UDP_PAYLOAD_BYTES;
    public static final int DEFAULT_MAX_PACKET_BYTES = OscSettings.DEFAULT_MAX_PACKET_BYTES;
    public static final int MIN_PACKET_BYTES = OscSettings.MIN_PACKET_BYTES;
    public static final Duration DEFAULT_SUBSCRIBER_TIMEOUT = Duration.ofSeconds(OscSettings.DEFAULT_SUBSCRIBER_TIMEOUT_S);
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(OscSettings.DEFAULT_HEARTBEAT_S);
    public static final Duration MIN_HEARTBEAT_INTERVAL = Duration.ofMillis(10);
    public static final int DEFAULT_MAX_TCP_CLIENTS = 16;
    public static final int MAX_TCP_CLIENTS_LIMIT = 1024;
    public static final int DEFAULT_MAX_TCP_CLIENTS_PER_ADDRESS = 8;
    public static final Duration DEFAULT_TCP_IDLE_TIMEOUT = Duration.ofSeconds(OscSettings.DEFAULT_TCP_IDLE_TIMEOUT_S);

    public OscConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(allow, "allow");
        Objects.requireNonNull(subscriberTimeout, "subscriberTimeout");
        Objects.requireNonNull(tcpFraming, "tcpFraming");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(tcpIdleTimeout, "tcpIdleTimeout");
        requireRange("osc max TCP clients per address", maxTcpClientsPerAddress, 1, MAX_TCP_CLIENTS_LIMIT);
        if (tcpIdleTimeout.isNegative() || tcpIdleTimeout.isZero()) {
            throw bad("osc TCP idle timeout must be positive, was " + tcpIdleTimeout);
        }
        if (bindHost.isBlank()) {
            throw bad("osc bind host is empty; use 0.0.0.0 for every interface or an address of this machine");
        }
        requireRange("osc port", port, 0, 65_535);
        requireRange("osc reply_port", replyPort, 1, 65_535);
        requireRange("osc max packet bytes", maxPacketBytes, MIN_PACKET_BYTES, MAX_UDP_PAYLOAD_BYTES);
        requireRange("osc max TCP clients", maxTcpClients, 0, MAX_TCP_CLIENTS_LIMIT);
        if (subscriberTimeout.isNegative() || subscriberTimeout.isZero()) {
            throw bad("osc subscriber timeout must be positive, was " + subscriberTimeout);
        }
        if (heartbeatInterval.isNegative()
                || (!heartbeatInterval.isZero() && heartbeatInterval.compareTo(MIN_HEARTBEAT_INTERVAL) < 0)) {
            throw bad("osc heartbeat interval must be 0 (off) or at least "
                    + MIN_HEARTBEAT_INTERVAL.toMillis() + " ms, was " + heartbeatInterval);
        }
    }

    /**
     * Port 8000, replies to 9000, loopback and private LAN allowed, packets up to 65507 bytes, SLIP on
     * TCP, heartbeat every 2 s: the same defaults the daemon takes from osc-map.yaml.
     */
    public static OscConfig defaults() {
        return new OscConfig(DEFAULT_BIND_HOST, DEFAULT_PORT, DEFAULT_REPLY_PORT, AllowList.defaults(),
                DEFAULT_MAX_PACKET_BYTES, DEFAULT_SUBSCRIBER_TIMEOUT, TcpFraming.SLIP,
                DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_MAX_TCP_CLIENTS, DEFAULT_MAX_TCP_CLIENTS_PER_ADDRESS,
                DEFAULT_TCP_IDLE_TIMEOUT);
    }

    public OscConfig withBindHost(String value) {
        return new OscConfig(value, port, replyPort, allow, maxPacketBytes, subscriberTimeout, tcpFraming,
                heartbeatInterval, maxTcpClients, maxTcpClientsPerAddress, tcpIdleTimeout);
    }

    public OscConfig withPort(int value) {
        return new OscConfig(bindHost, value, replyPort, allow, maxPacketBytes, subscriberTimeout, tcpFraming,
                heartbeatInterval, maxTcpClients, maxTcpClientsPerAddress, tcpIdleTimeout);
    }

    public OscConfig withReplyPort(int value) {
        return new OscConfig(bindHost, port, value, allow, maxPacketBytes, subscriberTimeout, tcpFraming,
                heartbeatInterval, maxTcpClients, maxTcpClientsPerAddress, tcpIdleTimeout);
    }

    public OscConfig withAllow(AllowList value) {
        return new OscConfig(bindHost, port, replyPort, value, maxPacketBytes, subscriberTimeout, tcpFraming,
                heartbeatInterval, maxTcpClients, maxTcpClientsPerAddress, tcpIdleTimeout);
    }

    public OscConfig withHeartbeatInterval(Duration value) {
        return new OscConfig(bindHost, port, replyPort, allow, maxPacketBytes, subscriberTimeout, tcpFraming,
                value, maxTcpClients, maxTcpClientsPerAddress, tcpIdleTimeout);
    }

    public OscConfig withMaxTcpClients(int value) {
        return new OscConfig(bindHost, port, replyPort, allow, maxPacketBytes, subscriberTimeout, tcpFraming,
                heartbeatInterval, value, maxTcpClientsPerAddress, tcpIdleTimeout);
    }

    private static void requireRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw bad(what + " must be from " + min + " to " + max + ", was " + value);
        }
    }

    private static EncoreException bad(String message) {
        return new EncoreException(Reason.BAD_ARGUMENTS, message + ". Fix it in osc-map.yaml.");
    }
}
