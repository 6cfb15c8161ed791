package dev.encore.control;

import java.util.List;

/**
 * The {@code osc:} section: where the OSC server listens and whom it answers. Plain data; the OSC
 * transport's own configuration is built from it when the daemon is wired. The defaults are
 * defined here, once: a key left out takes them, and the transport's own defaults
 * ({@code OscConfig.defaults()}) are these, so the daemon and an embedding host start alike.
 */
public record OscSettings(
        String host,
        Integer port,
        Integer replyPort,
        TcpFraming tcpFraming,
        List<String> allow,
        Integer subscriberTimeoutS,
        Integer heartbeatS,
        Integer maxPacketBytes,
        Integer tcpIdleTimeoutS) {

    public static final String DEFAULT_BIND_HOST = "0.0.0.0";
    /** TouchOSC's default outgoing port. */
    public static final int DEFAULT_PORT = 8000;
    /** TouchOSC's default incoming port. */
    public static final int DEFAULT_REPLY_PORT = 9000;
    /** The largest payload an IPv4 UDP datagram can carry. */
    public static final int MAX_UDP_PAYLOAD_BYTES = 65_507;
    /** Any datagram a controller can send is accepted by default. */
    public static final int DEFAULT_MAX_PACKET_BYTES = MAX_UDP_PAYLOAD_BYTES;
    /** The smallest {@code max_packet_bytes} allowed: a list row or a long session name must still fit. */
    public static final int MIN_PACKET_BYTES = 512;
    /**
     * How long an automatic subscriber (a sender of commands) may stay silent before pushes to it
     * stop; explicit subscriptions never expire. One hour, so a tablet idle through a long set keeps
     * its LEDs; the subscriber count is bounded anyway.
     */
    public static final int DEFAULT_SUBSCRIBER_TIMEOUT_S = 3600;
    public static final int DEFAULT_HEARTBEAT_S = 2;
    /** A TCP connection that sends nothing after connecting, or stops half-way through a frame, is closed after this. */
    public static final int DEFAULT_TCP_IDLE_TIMEOUT_S = 10;
    /** Loopback, the private LAN ranges and link-local, for IPv4 and IPv6. */
    public static final List<String> DEFAULT_ALLOW = List.of(
            "127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
            "fc00::/7", "fe80::/10");

    public OscSettings {
        host = host == null ? DEFAULT_BIND_HOST : host;
        port = port == null ? DEFAULT_PORT : port;
        replyPort = replyPort == null ? DEFAULT_REPLY_PORT : replyPort;
        tcpFraming = tcpFraming == null ? TcpFraming.SLIP : tcpFraming;
        allow = allow == null ? DEFAULT_ALLOW : List.copyOf(allow);
        subscriberTimeoutS = subscriberTimeoutS == null ? DEFAULT_SUBSCRIBER_TIMEOUT_S : subscriberTimeoutS;
        heartbeatS = heartbeatS == null ? DEFAULT_HEARTBEAT_S : heartbeatS;
        maxPacketBytes = maxPacketBytes == null ? DEFAULT_MAX_PACKET_BYTES : maxPacketBytes;
        tcpIdleTimeoutS = tcpIdleTimeoutS == null ? DEFAULT_TCP_IDLE_TIMEOUT_S : tcpIdleTimeoutS;
    }

    static OscSettings defaults() {
        return new OscSettings(null, null, null, null, null, null, null, null, null);
    }
}
