package dev.encore.mirror;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * One laptop's place in a mirror: the role it starts in, the address its mirror listens on, the
 * fixed list of peers (no multicast), the group name both sides share, how long a silent peer has
 * before it counts as gone, and whether a backup takes over by itself after {@code takeoverDelayMs}
 * or waits for {@code /encore/takeover}.
 */
public record MirrorConfig(Role role, InetSocketAddress bind, List<InetSocketAddress> peers, String group, int detectionMs,
        boolean autoTakeover, int takeoverDelayMs, String nodeName) {

    /** The role a laptop starts in; a backup becomes primary by a takeover, a primary steps down to a newer one. */
    public enum Role { PRIMARY, BACKUP }

    public MirrorConfig {
        peers = List.copyOf(peers);
    }
}
