package dev.encore.mirror;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * One laptop's place in a mirror: the role it starts in, the address its mirror listens on, the
 * fixed list of peers (no multicast), the group name both sides share, how long a silent peer has
 * before it counts as gone, whether a backup takes over by itself after {@code takeoverDelayMs}
 * or waits for {@code /encore/takeover}, and the address the other laptops reach this one at
 * ({@code advertised}: the bind address, unless something between them, such as a router that
 * forwards a port, makes it another; the failure detector listens, on the bind address, 100 above
 * the advertised port, where the others look for it), and the key both laptops hold ({@code key}:
 * the link is TLS that lets in only a laptop with the same key; null leaves the link open to anyone
 * who reaches the port).
 */
public record MirrorConfig(Role role, InetSocketAddress bind, List<InetSocketAddress> peers, String group, int detectionMs,
        boolean autoTakeover, int takeoverDelayMs, String nodeName, InetSocketAddress advertised, MirrorKey key) {

    /** The role a laptop starts in; a backup becomes primary by a takeover, a primary steps down to a newer one. */
    public enum Role { PRIMARY, BACKUP }

    public MirrorConfig {
        peers = List.copyOf(peers);
        advertised = advertised == null ? bind : advertised;
    }

    /** A laptop the others reach at its bind address, on an open link. */
    public MirrorConfig(Role role, InetSocketAddress bind, List<InetSocketAddress> peers, String group, int detectionMs,
            boolean autoTakeover, int takeoverDelayMs, String nodeName) {
        this(role, bind, peers, group, detectionMs, autoTakeover, takeoverDelayMs, nodeName, null, null);
    }

    /** The same laptop on a link locked with {@code key} (null: open). */
    public MirrorConfig withKey(MirrorKey key) {
        return new MirrorConfig(role, bind, peers, group, detectionMs, autoTakeover, takeoverDelayMs, nodeName, advertised, key);
    }
}
