package dev.encore.control.osc;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.control.CommandHandler;
import dev.encore.control.ReplyChannel;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encore's OSC endpoint on JavaOSC's codec: UDP and TCP on one port number, every command handed to
 * the {@link CommandHandler} and answered exactly once, pushes and heartbeats to every subscriber.
 * It is the channel for both: pushes to all ({@link PushChannel}) and answers to one sender
 * ({@link ReplyChannel}), so the handler and the pushes can be built on it before it starts.
 * Threads: one UDP listener, one TCP selector, one IO sender; {@link #stop()} ends all three.
 */
public final class JavaOscServer implements PushChannel, ReplyChannel, AutoCloseable {
    static final String HEARTBEAT_ADDRESS = "/encore/heartbeat";
    private static final int EPHEMERAL_BIND_ATTEMPTS = 10;
    private static final long JOIN_TIMEOUT_MS = 5_000;
    private static final long FLUSH_TIMEOUT_MS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(JavaOscServer.class);

    private final OscConfig config;
    private final Clock clock;
    private final LogThrottle throttle = new LogThrottle(LOG);
    private final Subscribers subscribers;
    private final RequestCache requests;
    private final AtomicInteger heartbeatSeq = new AtomicInteger();

    private DatagramChannel udp;
    private ServerSocketChannel tcp;
    private volatile Heartbeat.Source heartbeat;
    private volatile Outbox outbox;
    private volatile CommandIntake intake;
    private volatile TcpConnections tcpConnections;
    private Thread udpThread;
    private Thread tcpThread;
    private volatile int boundPort;

    /**
     * A server that listens once {@link #start started}.
     *
     * @param clock time for subscriber expiry, repeated requests and bundle time tags
     */
    public JavaOscServer(OscConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.subscribers = new Subscribers(config.replyPort(), config.subscriberTimeout(), clock);
        this.requests = new RequestCache(clock);
    }

    public JavaOscServer(OscConfig config) {
        this(config, Clock.systemUTC());
    }

    /**
     * Binds UDP and TCP and starts listening; a port in use or a wrong bind host fails with its fix.
     *
     * @param handler where every command goes
     * @param heartbeat what {@code /encore/heartbeat} reports
     */
    public synchronized void start(CommandHandler handler, Heartbeat.Source heartbeat) {
        Objects.requireNonNull(handler, "handler");
        if (udp != null) {
            throw new IllegalStateException("OSC server already started");
        }
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
        bind(bindAddress());
        outbox = new Outbox(udp, throttle, "encore-osc-io-" + port());
        intake = new CommandIntake(handler, subscribers, requests, outbox, clock, throttle, config.replyPort());
        udpThread = new Thread(new UdpReceiver(udp, config.maxPacketBytes(), config.allow(), intake, throttle),
                "encore-osc-udp-" + port());
        udpThread.setDaemon(true);
        udpThread.start();
        if (tcp != null) {
            try {
                tcpConnections = new TcpConnections(tcp, config, intake, throttle);
            } catch (IOException e) {
                int port = port();
                stop();
                throw new EncoreException(Reason.GENERAL, "Could not start OSC over TCP on port " + port + ": " + e, e);
            }
            tcpThread = new Thread(tcpConnections, "encore-osc-tcp-" + port());
            tcpThread.setDaemon(true);
            tcpThread.start();
        }
        if (!config.heartbeatInterval().isZero()) {
            outbox.every(config.heartbeatInterval(), this::beat);
        }
        LOG.info("OSC listening on {} port {} (UDP{}), replies to port {}", config.bindHost(), port(),
                tcp == null ? "" : " and TCP with " + config.tcpFraming() + " framing", config.replyPort());
    }

    /** The bound port: the configured one, or the one the system picked for port 0. */
    public int port() {
        int port = boundPort;
        if (port == 0) {
            throw new IllegalStateException("OSC server not started");
        }
        return port;
    }

    /**
     * Sends a message to every UDP subscriber and every TCP client; returns at once. Arguments are
     * Integer, Long, Float, Double, String, Boolean or byte[], never null; a message that cannot be
     * encoded is dropped with a log line.
     */
    @Override
    public void push(String address, List<Object> args) {
        Outbox out = outbox;
        if (out != null) {
            out.toAll(subscribers.all(), pushClients(), new OscPacket.Message(address, args));
        }
    }

    /**
     * Sends a message only to where replies to {@code origin} (a {@code ControlCommand.origin()}) go,
     * for answers longer than one reply such as {@code /encore/list}. False when that sender is unknown.
     */
    @Override
    public boolean send(String origin, String address, List<Object> args) {
        CommandIntake in = intake;
        return in != null && in.sendTo(origin, new OscPacket.Message(address, args));
    }

    /**
     * Sends what is already queued (waiting at most {@value #FLUSH_TIMEOUT_MS} ms, so a last status
     * push still leaves), then closes both channels and ends every thread this server started; safe
     * to call twice.
     */
    public synchronized void stop() {
        if (udp == null) {
            return;
        }
        try {
            if (outbox != null) {
                outbox.flush(java.time.Duration.ofMillis(FLUSH_TIMEOUT_MS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (tcpConnections != null) {
            tcpConnections.stop();
        }
        closeQuietly(udp);
        closeQuietly(tcp);
        try {
            join(udpThread);
            join(tcpThread);
            if (outbox != null) {
                outbox.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("OSC stopped on port {}", boundPort);
        boundPort = 0;
        udp = null;
        tcp = null;
        intake = null;
        outbox = null;
        tcpConnections = null;
    }

    @Override
    public void close() {
        stop();
    }

    int subscriberCount() {
        return subscribers.size();
    }

    int rememberedRequestCount() {
        return requests.size();
    }

    int pendingBundleCount() {
        return intake.pendingBundles();
    }

    int tcpClientCount() {
        TcpConnections connections = tcpConnections;
        return connections == null ? 0 : connections.clientCount();
    }

    /** Sends one heartbeat now (the timer calls this every heartbeat interval). */
    void beat() {
        int seq = heartbeatSeq.getAndIncrement();
        Heartbeat status;
        try {
            status = heartbeat.next(seq);
        } catch (RuntimeException e) {
            throttle.warn("heartbeat", "No heartbeat sent: the status could not be read: {}", e.toString());
            return;
        }
        push(HEARTBEAT_ADDRESS, List.of(seq, status.state(), status.position(),
                status.dirty() ? 1 : 0));
    }

    private List<TcpClient> pushClients() {
        TcpConnections connections = tcpConnections;
        return connections == null ? List.of() : connections.pushClients();
    }

    private InetAddress bindAddress() {
        try {
            return InetAddress.getByName(config.bindHost());
        } catch (UnknownHostException e) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "OSC bind host '" + config.bindHost()
                    + "' is not an address of this machine. Use 0.0.0.0 or one of its IP addresses.", e);
        }
    }

    private void bind(InetAddress host) {
        int attempts = config.port() == 0 ? EPHEMERAL_BIND_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            DatagramChannel datagrams = null;
            try {
                datagrams = DatagramChannel.open();
                datagrams.bind(new InetSocketAddress(host, config.port()));
                int bound = ((InetSocketAddress) datagrams.getLocalAddress()).getPort();
                ServerSocketChannel stream = null;
                if (config.maxTcpClients() > 0) {
                    stream = ServerSocketChannel.open();
                    stream.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    stream.bind(new InetSocketAddress(host, bound));
                }
                udp = datagrams;
                tcp = stream;
                boundPort = bound;
                return;
            } catch (IOException e) {
                closeQuietly(datagrams);
                if (!(e instanceof BindException) || attempt >= attempts) {
                    throw new EncoreException(Reason.GENERAL, "Could not listen for OSC on " + config.bindHost()
                            + " port " + config.port() + ": " + e.getMessage()
                            + ". Another program may use the port: stop it or set another port in osc-map.yaml.", e);
                }
            }
        }
    }

    private static void join(Thread thread) throws InterruptedException {
        if (thread != null) {
            thread.join(JOIN_TIMEOUT_MS);
            if (thread.isAlive()) {
                LOG.warn("OSC thread {} did not stop within {} ms", thread.getName(), JOIN_TIMEOUT_MS);
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("Closing {} failed", closeable, e);
        }
    }
}
