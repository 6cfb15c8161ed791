package dev.encore.control;

import dev.encore.control.osc.OscConfig;
import java.time.Duration;
import java.util.List;

/**
 * The {@code osc:} section: where the OSC server listens and whom it answers. Plain data; the OSC
 * transport's own configuration is built from it when the daemon is wired. A key left out takes
 * the transport's own default ({@link OscConfig#defaults()}), so the daemon and an embedding host
 * start alike.
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

    public static final List<String> DEFAULT_ALLOW = List.of(
            "127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
            "fc00::/7", "fe80::/10");

    public OscSettings {
        host = host == null ? OscConfig.DEFAULT_BIND_HOST : host;
        port = port == null ? OscConfig.DEFAULT_PORT : port;
        replyPort = replyPort == null ? OscConfig.DEFAULT_REPLY_PORT : replyPort;
        tcpFraming = tcpFraming == null ? TcpFraming.SLIP : tcpFraming;
        allow = allow == null ? DEFAULT_ALLOW : List.copyOf(allow);
        subscriberTimeoutS = subscriberTimeoutS == null ? seconds(OscConfig.DEFAULT_SUBSCRIBER_TIMEOUT) : subscriberTimeoutS;
        heartbeatS = heartbeatS == null ? seconds(OscConfig.DEFAULT_HEARTBEAT_INTERVAL) : heartbeatS;
        maxPacketBytes = maxPacketBytes == null ? OscConfig.DEFAULT_MAX_PACKET_BYTES : maxPacketBytes;
        tcpIdleTimeoutS = tcpIdleTimeoutS == null ? seconds(OscConfig.DEFAULT_TCP_IDLE_TIMEOUT) : tcpIdleTimeoutS;
    }

    /** The allow list parsed; the map was validated, so every entry parses. */
    public List<Cidr> allowRanges() {
        return allow.stream().map(Cidr::parse).toList();
    }

    /** True when a sender's address lies in the allow list. */
    public boolean allows(java.net.InetAddress sender) {
        return allowRanges().stream().anyMatch(range -> range.contains(sender));
    }

    private static int seconds(Duration d) {
        return (int) d.toSeconds();
    }

    static OscSettings defaults() {
        return new OscSettings(null, null, null, null, null, null, null, null, null);
    }
}
