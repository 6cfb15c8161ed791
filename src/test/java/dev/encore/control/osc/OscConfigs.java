package dev.encore.control.osc;

import dev.encore.control.TcpFraming;
import java.time.Duration;

/** Test configurations that differ from a base in one value the product never changes alone. */
final class OscConfigs {
    private OscConfigs() {
    }

    static OscConfig framing(OscConfig c, TcpFraming framing) {
        return new OscConfig(c.bindHost(), c.port(), c.replyPort(), c.allow(), c.maxPacketBytes(), c.subscriberTimeout(),
                framing, c.heartbeatInterval(), c.maxTcpClients(), c.maxTcpClientsPerAddress(), c.tcpIdleTimeout());
    }

    static OscConfig maxPacketBytes(OscConfig c, int bytes) {
        return new OscConfig(c.bindHost(), c.port(), c.replyPort(), c.allow(), bytes, c.subscriberTimeout(),
                c.tcpFraming(), c.heartbeatInterval(), c.maxTcpClients(), c.maxTcpClientsPerAddress(), c.tcpIdleTimeout());
    }

    static OscConfig subscriberTimeout(OscConfig c, Duration timeout) {
        return new OscConfig(c.bindHost(), c.port(), c.replyPort(), c.allow(), c.maxPacketBytes(), timeout,
                c.tcpFraming(), c.heartbeatInterval(), c.maxTcpClients(), c.maxTcpClientsPerAddress(), c.tcpIdleTimeout());
    }
}
