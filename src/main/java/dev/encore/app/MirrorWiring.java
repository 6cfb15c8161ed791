package dev.encore.app;

import dev.encore.control.CommandRouter;
import dev.encore.control.MirrorRole;
import dev.encore.control.MirrorSettings;
import dev.encore.feedback.FeedbackEvent;
import dev.encore.mirror.Mirror;
import dev.encore.mirror.MirrorConfig;
import dev.encore.mirror.MirrorEvents;
import dev.encore.mirror.MirrorKey;
import dev.encore.session.SessionEngine;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Starts the mirror of a primary or backup laptop and ties it to the rest: its states are feedback
 * events on the engine's bus (so {@code /encore/mirror} pushes, feedback lines and LEDs all follow
 * them), its catch-up is {@code /encore/progress mirror}, and /encore/takeover reaches it. The only class of the daemon that names the mirror (and so JGroups):
 * a standalone laptop never loads it.
 */
final class MirrorWiring {
    private MirrorWiring() {
    }

    static AutoCloseable start(MirrorSettings settings, SessionEngine engine, CommandRouter router) {
        InetSocketAddress bind = address(settings.bind());
        InetSocketAddress advertised = settings.advertise() == null ? bind : address(settings.advertise());
        MirrorConfig config = new MirrorConfig(settings.role() == MirrorRole.PRIMARY ? MirrorConfig.Role.PRIMARY : MirrorConfig.Role.BACKUP,
                bind, settings.peers().stream().map(MirrorWiring::address).toList(), settings.group(), settings.detectionMs(),
                settings.autoTakeover(), settings.takeoverDelayMs(), nodeName(advertised), advertised, key(settings));
        Mirror mirror = Mirror.start(config, engine, new MirrorEvents() {
            @Override
            public void state(String state, long lagMs) {
                engine.publish(new FeedbackEvent.MirrorChanged(state, (int) Math.min(Integer.MAX_VALUE, lagMs)));
            }

            @Override
            public void progress(double fraction) {
                engine.publish(new FeedbackEvent.Progress("mirror", fraction));
            }
        });
        router.onTakeover(mirror::takeoverLater);
        return mirror;
    }

    /**
     * The mirror key the settings name, read and checked (null when they name none).
     *
     * @throws dev.encore.EncoreException BAD_CONFIG naming the file and what to do
     */
    static MirrorKey key(MirrorSettings settings) {
        return settings.key() == null ? null : MirrorKey.load(java.nio.file.Path.of(settings.key()));
    }

    /** {@code HOST:PORT} (already checked) as a socket address; an IPv6 host is in brackets. */
    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** What the other laptop calls this one: the computer's name and the mirror port, like stage-left:7800. */
    private static String nodeName(InetSocketAddress bind) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = bind.getHostString();
        }
        return host + ":" + bind.getPort();
    }
}
