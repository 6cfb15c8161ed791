package dev.encore.feedback;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns the engine's feedback events into the pushes docs/protocol.md lists ({@code /encore/status},
 * {@code /encore/dirty}, {@code /encore/session}, {@code /encore/progress}, {@code /encore/armed},
 * restored {@code /encore/param/<path>} values), each followed by the extra lines osc-map.yaml asks
 * for. It remembers the last status and session, which is what the heartbeat reports.
 */
public final class OscFeedback implements FeedbackSink {
    /** Parameter pushes and commands live below this address: {@code /encore/param/mix/gain}. */
    public static final String PARAM_ADDRESS = "/encore/param";

    private final PushChannel out;
    private final ExtraPushes extra;
    private final AtomicInteger beats = new AtomicInteger();
    private volatile Status status = Status.SAVED;
    private volatile boolean dirty;
    private volatile String name = "";
    private volatile int position;
    private volatile int count;

    /**
     * A sink that pushes OSC.
     *
     * @param out where pushes go (the OSC server's subscribers)
     * @param extra the map's feedback lines sent after each push
     */
    public OscFeedback(PushChannel out, ExtraPushes extra) {
        this.out = out;
        this.extra = extra;
    }

    /**
     * The address a parameter path is pushed and set at: {@code /mix/gain} is {@code /encore/param/mix/gain}.
     *
     * @param path the parameter's path, with or without its leading slash
     * @return the OSC address
     */
    public static String paramAddress(String path) {
        return PARAM_ADDRESS + (path.startsWith("/") ? path : "/" + path);
    }

    @Override
    public void accept(FeedbackEvent event) {
        if (event instanceof FeedbackEvent.StatusChanged s) {
            status = s.status();
            dirty = s.dirty();
            pushStatus();
        } else if (event instanceof FeedbackEvent.SessionChanged s) {
            name = s.name();
            position = s.position();
            count = s.count();
            send("session", "/encore/session", List.of(s.name(), s.position(), s.count()),
                    values("name", s.name(), "position", s.position(), "count", s.count()));
        } else if (event instanceof FeedbackEvent.Progress p) {
            float fraction = (float) Math.max(0, Math.min(1, p.fraction()));
            send("progress", "/encore/progress", List.of(p.task(), p.item(), fraction),
                    values("task", p.task(), "item", p.item(), "fraction", fraction));
        } else if (event instanceof FeedbackEvent.Armed a) {
            int armed = a.armed() ? 1 : 0;
            send("armed", "/encore/armed", List.of(a.action(), armed), values("action", a.action(), "armed", armed));
        } else if (event instanceof FeedbackEvent.MirrorChanged m) {
            send("mirror", "/encore/mirror", List.of(m.state(), m.lagMs()), values("state", m.state(), "lag_ms", m.lagMs()));
        } else if (event instanceof FeedbackEvent.ParamRestored p) {
            out.push(paramAddress(p.path()), ParamValues.toOsc(p.value()));
        }
    }

    /** Pushes the last status and dirty flag again, for example as the last word before a shutdown. */
    public void pushStatus() {
        String state = status.wireName();
        int flag = dirty ? 1 : 0;
        send("status", "/encore/status", List.of(state), values("state", state, "dirty", flag));
        send("dirty", "/encore/dirty", List.of(flag), values("dirty", flag));
    }

    /**
     * What the next heartbeat reports; also pushes the heartbeat's extra lines. Called by the OSC
     * server's heartbeat timer right before it sends {@code /encore/heartbeat}, whose sequence
     * numbers this call counts alongside.
     *
     * @return the state, position and dirty flag to send
     */
    public Heartbeat heartbeat() {
        Heartbeat beat = new Heartbeat(status.wireName(), position, dirty);
        int seq = beats.getAndIncrement();
        for (Push line : extra.after("heartbeat", values("seq", seq, "state", beat.state(),
                "position", beat.position(), "dirty", beat.dirty() ? 1 : 0))) {
            out.push(line.address(), line.args());
        }
        return beat;
    }

    /**
     * The last status pushed.
     *
     * @return the status
     */
    public Status status() {
        return status;
    }

    /**
     * The last session pushed: name (empty for none), 1-based position (0 for none) and setlist length.
     *
     * @return the session event last pushed
     */
    public FeedbackEvent.SessionChanged session() {
        return new FeedbackEvent.SessionChanged(name, position, count);
    }

    private void send(String event, String address, List<Object> args, Map<String, Object> values) {
        out.push(address, args);
        for (Push line : extra.after(event, values)) {
            out.push(line.address(), line.args());
        }
    }

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return values;
    }
}
