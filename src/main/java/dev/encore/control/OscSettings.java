package dev.encore.control;

import java.util.List;

/**
 * The {@code osc:} section: where the OSC server listens and whom it answers. Plain data; the OSC
 * transport's own configuration is built from it when the daemon is wired.
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

    public static final int DEFAULT_PORT = 8000;
    public static final int DEFAULT_REPLY_PORT = 9000;
    /**
     * How long an automatic subscriber (a sender of commands) may stay silent before pushes to it
     * stop; explicit subscriptions never expire. One hour, so a tablet idle through a long set keeps
     * its LEDs; the subscriber count is bounded anyway.
     */
    public static final int DEFAULT_SUBSCRIBER_TIMEOUT_S = 3600;
    /** The largest IPv4 UDP payload: any datagram a controller can send is accepted by default. */
    public static final int DEFAULT_MAX_PACKET_BYTES = 65_507;
    /** A TCP connection that sends nothing after connecting, or stops half-way through a frame, is closed after this. */
    public static final int DEFAULT_TCP_IDLE_TIMEOUT_S = 10;
    public static final List<String> DEFAULT_ALLOW = List.of(
            "127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
            "fc00::/7", "fe80::/10");

    public OscSettings {
        host = host == null ? "0.0.0.0" : host;
        port = port == null ? DEFAULT_PORT : port;
        replyPort = replyPort == null ? DEFAULT_REPLY_PORT : replyPort;
        tcpFraming = tcpFraming == null ? TcpFraming.SLIP : tcpFraming;
        allow = allow == null ? DEFAULT_ALLOW : List.copyOf(allow);
        subscriberTimeoutS = subscriberTimeoutS == null ? DEFAULT_SUBSCRIBER_TIMEOUT_S : subscriberTimeoutS;
        heartbeatS = heartbeatS == null ? 2 : heartbeatS;
        maxPacketBytes = maxPacketBytes == null ? DEFAULT_MAX_PACKET_BYTES : maxPacketBytes;
        tcpIdleTimeoutS = tcpIdleTimeoutS == null ? DEFAULT_TCP_IDLE_TIMEOUT_S : tcpIdleTimeoutS;
    }

    /** The allow list parsed; the map was validated, so every entry parses. */
    public List<Cidr> allowRanges() {
        return allow.stream().map(Cidr::parse).toList();
    }

    /** True when a sender's address lies in the allow list. */
    public boolean allows(java.net.InetAddress sender) {
        return allowRanges().stream().anyMatch(range -> range.contains(sender));
    }

    static OscSettings defaults() {
        return new OscSettings(null, null, null, null, null, null, null, null, null);
    }
}
