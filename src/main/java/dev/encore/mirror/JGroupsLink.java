package dev.encore.mirror;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.blocks.MessageDispatcher;
import org.jgroups.blocks.RequestHandler;
import org.jgroups.blocks.RequestOptions;
import org.jgroups.blocks.Response;
import org.jgroups.blocks.ResponseMode;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.SenderSendsBundler;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UFC;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.Protocol;
import org.jgroups.util.TLS;
import org.jgroups.util.TLSClientAuth;

/**
 * The JGroups channel between the laptops: TCP bound to the configured address only, the peers from a
 * fixed list (TCPPING, no multicast), failure detection by socket (FD_SOCK2, bound to the same
 * address, so it is not open to the whole LAN) and by heartbeat (FD_ALL3 with VERIFY_SUSPECT2) within
 * the detection time, and MERGE3 to heal a network cut. Requests are answered one to one on a
 * {@link MessageDispatcher}: an answer is the receiver's acknowledgement that it holds what was sent.
 */
final class JGroupsLink implements AutoCloseable {
    /**
     * Messages up to this size leave in one piece: a blob piece is one message on the wire, not
     * dozens of the default 60 KB fragments, each with its own header, ack and copy.
     */
    static final int FRAGMENT_BYTES = 8 << 20;
    /** Bytes a sender may have on the way before the receiver's credits come back: a few blob pieces. */
    private static final long CREDITS = 64L << 20;
    /** Socket buffers big enough to keep a blob piece moving while the other side writes the last one. */
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;

    private final JChannel channel;
    private final MessageDispatcher dispatcher;
    private final int timeoutMs;
    private volatile Others others = new Others(null, List.of());

    /** A peer as the rest of the mirror sees it: an opaque member of the group, with its name. */
    record Peer(Object address, String name) {
    }

    /** What answers the other laptop's requests. */
    interface Requests {
        /**
         * Answers one request from {@code from}: {@code reply} takes the answer, once, on any thread,
         * now or later. Work that need not hold the answer back is done after it; the thread that read
         * the request reads that sender's next one only once this returns.
         */
        void answer(Peer from, ByteBuffer request, Consumer<byte[]> reply);
    }

    /** The members other than this laptop in the view they were last worked out for. */
    private record Others(View view, List<Peer> peers) {
    }

    private JGroupsLink(JChannel channel, MessageDispatcher dispatcher, int timeoutMs) {
        this.channel = channel;
        this.dispatcher = dispatcher;
        this.timeoutMs = timeoutMs;
    }

    /**
     * Joins (or founds) the group. {@code requests} answers each request (its sender and bytes in, the reply out);
     * {@code views} hears the members other than this laptop each time the group changes.
     */
    static JGroupsLink join(MirrorConfig config, Requests requests, Consumer<List<Peer>> views) {
        int detection = config.detectionMs();
        List<Protocol> stack = List.of(
                transport(config),
                new TCPPING().setInitialHosts(withSelf(config)).setPortRange(0),
                new MERGE3().setMinInterval(Math.max(500, detection / 2)).setMaxInterval(Math.max(1000, detection)),
                new FD_SOCK2().setBindAddress(config.bind().getAddress()).setPortRange(5),
                new FD_ALL3().setTimeout(Math.max(300, detection * 6L / 10)).setInterval(Math.max(100, detection / 8)),
                new VERIFY_SUSPECT2().setTimeout(Math.max(200, detection * 3L / 10)),
                new NAKACK2(),
                new UNICAST3(),
                new STABLE(),
                new GMS().setJoinTimeout(1000),
                new UFC().setMaxCredits(CREDITS),
                new MFC().setMaxCredits(CREDITS),
                new FRAG4().setFragSize(FRAGMENT_BYTES));
        JChannel channel = null;
        try {
            channel = new JChannel(stack).name(config.nodeName());
            JChannel ch = channel;
            MessageDispatcher dispatcher = new MessageDispatcher(channel, answering(requests)).asyncDispatching(true);
            dispatcher.setReceiver(new Receiver() {
                @Override
                public void viewAccepted(View view) {
                    views.accept(others(ch, view));
                }
            });
            channel.connect(config.group());
            return new JGroupsLink(channel, dispatcher, detection);
        } catch (Exception e) {
            if (channel != null) {
                channel.close();
            }
            throw new EncoreException(Reason.BAD_CONFIG, "The mirror could not start on " + config.bind().getHostString() + ":"
                    + config.bind().getPort() + " (" + e.getMessage() + "); check that --mirror-bind names an address of this"
                    + " laptop and a port nothing else uses (nor the one 100 above it, for the failure detector).", e);
        }
    }

    /**
     * The transport: TCP on the bound address only; Nagle off (a record and its answer are small and
     * must not wait for more bytes); each message written by the thread that sends it (no bundler
     * thread between the caller and the socket); each message from the other laptop handled on the
     * thread that read it (no hand-over to a pool: requests answer at once or hand their work to the
     * intake's own thread); big socket buffers for audio. With a {@link MirrorKey}, every connection
     * is TLS 1.3 with both sides presenting the key, so a computer without it can neither join nor
     * send nor read.
     */
    private static TCP transport(MirrorConfig config) {
        TCP tcp = new TCP().setBindAddress(config.bind().getAddress()).setBindPort(config.bind().getPort()).setPortRange(0);
        if (!config.advertised().equals(config.bind())) {
            tcp.setExternalAddr(config.advertised().getAddress());
            tcp.setExternalPort(config.advertised().getPort());
        }
        tcp.tcpNodelay(true).setSendBufSize(SOCKET_BUFFER_BYTES).setRecvBufSize(SOCKET_BUFFER_BYTES);
        tcp.setBufferedOutputStreamSize(1 << 20);
        tcp.setBufferedInputStreamSize(1 << 20);
        tcp.setBundler(new SenderSendsBundler().setMaxSize(FRAGMENT_BYTES + (64 << 10)));
        if (config.key() != null) {
            tcp.tls(new TLS().enabled(true).setSSLContext(config.key().context()).setClientAuth(TLSClientAuth.NEED)
                    .setProtocols(new String[] {MirrorKey.PROTOCOL}));
        }
        return tcp.setMessageProcessingPolicy("direct");
    }

    /**
     * Sends a request to a peer and waits for its answer (at most the detection time).
     *
     * @throws Exception when the peer does not answer in time or is gone
     */
    byte[] ask(Peer peer, byte[] request) throws Exception {
        Message m = new BytesMessage((Address) peer.address(), request);
        return dispatcher.sendMessage(m, new RequestOptions(ResponseMode.GET_FIRST, timeoutMs));
    }

    /**
     * Sends {@code length} bytes of {@code request} from {@code offset} without waiting; such requests of one sender
     * are answered in the order sent. The future completes with the answer (or fails after the detection time).
     */
    CompletableFuture<byte[]> askInOrder(Peer peer, byte[] request, int offset, int length) throws Exception {
        Message m = new BytesMessage((Address) peer.address(), request, offset, length);
        return dispatcher.sendMessageWithFuture(m, new RequestOptions(ResponseMode.GET_FIRST, timeoutMs));
    }

    /** Hands each request to {@code requests}; its answer goes back on whichever thread gives it. */
    private static RequestHandler answering(Requests requests) {
        return new RequestHandler() {
            @Override
            public Object handle(Message m) {
                CompletableFuture<byte[]> answer = new CompletableFuture<>();
                requests.answer(from(m), request(m), answer::complete);
                return answer.join();
            }

            @Override
            public void handle(Message m, Response response) {
                requests.answer(from(m), request(m), reply -> response.send(reply, false));
            }

            private Peer from(Message m) {
                return new Peer(m.getSrc(), String.valueOf(m.getSrc()));
            }

            private ByteBuffer request(Message m) {
                return ByteBuffer.wrap(m.getArray(), m.getOffset(), m.getLength());
            }
        };
    }

    /** The members other than this laptop, now (worked out once per view: the shipping thread asks at every commit). */
    List<Peer> peers() {
        View view = channel.getView();
        Others known = others;
        if (known.view() != view) {
            known = new Others(view, others(channel, view));
            others = known;
        }
        return known.peers();
    }

    /** The transport's connections, by peer address, for a line that explains why two laptops do not see each other. */
    String connections() {
        return ((TCP) channel.getProtocolStack().getTransport()).printConnections();
    }

    @Override
    public void close() {
        try {
            dispatcher.close();
        } catch (java.io.IOException ignored) {
            // The channel is closed next in any case.
        }
        channel.close();
    }

    private static List<Peer> others(JChannel channel, View view) {
        List<Peer> out = new ArrayList<>();
        if (view == null) {
            return out;
        }
        for (Address a : view.getMembers()) {
            if (!a.equals(channel.getAddress())) {
                out.add(new Peer(a, String.valueOf(a)));
            }
        }
        return out;
    }

    private static List<InetSocketAddress> withSelf(MirrorConfig config) {
        List<InetSocketAddress> hosts = new ArrayList<>(config.peers());
        hosts.add(config.bind());
        return hosts;
    }
}
