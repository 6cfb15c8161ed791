package dev.encore.control.osc;

import dev.encore.control.FeedbackLine;
import dev.encore.control.FeedbackTrigger;
import dev.encore.control.OscFeedback;
import dev.encore.control.Push;
import dev.encore.feedback.FeedbackEvent;
import dev.encore.feedback.FeedbackSink;
import dev.encore.feedback.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the engine's feedback events into the OSC pushes docs/protocol.md lists
 * ({@code /encore/status}, {@code /encore/dirty}, {@code /encore/session}, {@code /encore/progress},
 * {@code /encore/armed}, restored {@code /encore/param/<path>} values), each followed by the extra
 * lines osc-map.yaml asks for. It remembers the last status and session, which is what the
 * heartbeat reports.
 */
public final class OscPushes implements FeedbackSink, Heartbeat.Source {
    private final PushChannel out;
    private final List<FeedbackLine> lines;
    private volatile Status status = Status.SAVED;
    private volatile boolean dirty;
    private volatile String name = "";
    private volatile int position;
    private volatile int count;

    /**
     * A sink that pushes OSC.
     *
     * @param out where pushes go (the OSC server's subscribers)
     * @param lines the map's extra feedback lines, sent after the pushes they follow
     */
    public OscPushes(PushChannel out, List<FeedbackLine> lines) {
        this.out = out;
        this.lines = List.copyOf(lines);
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
            send(FeedbackTrigger.SESSION, OscFeedback.session(s.name(), s.position(), s.count()),
                    values("name", s.name(), "position", s.position(), "count", s.count()));
        } else if (event instanceof FeedbackEvent.Progress p) {
            float fraction = (float) Math.max(0, Math.min(1, p.fraction()));
            send(FeedbackTrigger.PROGRESS, new Push("/encore/progress", List.of(p.task(), p.item(), fraction)),
                    values("task", p.task(), "item", p.item(), "fraction", fraction));
        } else if (event instanceof FeedbackEvent.Armed a) {
            int armed = a.armed() ? 1 : 0;
            send(FeedbackTrigger.ARMED, new Push("/encore/armed", List.of(a.action(), armed)),
                    values("action", a.action(), "armed", armed));
        } else if (event instanceof FeedbackEvent.MirrorChanged m) {
            send(FeedbackTrigger.MIRROR, new Push("/encore/mirror", List.of(m.state(), m.lagMs())),
                    values("state", m.state(), "lag_ms", m.lagMs()));
        } else if (event instanceof FeedbackEvent.ParamRestored p) {
            push(OscFeedback.param(p.path(), p.value()));
        }
    }

    /** Pushes the last status and dirty flag again, for example as the last word before a shutdown. */
    public void pushStatus() {
        int flag = dirty ? 1 : 0;
        send(FeedbackTrigger.STATUS, OscFeedback.status(status), values("state", status.wireName(), "dirty", flag));
        send(FeedbackTrigger.DIRTY, OscFeedback.dirty(dirty), values("dirty", flag));
    }

    /** What heartbeat {@code seq} reports; pushes the heartbeat's extra lines first. */
    @Override
    public Heartbeat next(int seq) {
        Heartbeat beat = new Heartbeat(status.wireName(), position, dirty);
        extraLines(FeedbackTrigger.HEARTBEAT, values("seq", seq, "state", beat.state(), "position", beat.position(),
                "dirty", beat.dirty() ? 1 : 0));
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

    private void send(FeedbackTrigger trigger, Push push, Map<String, Object> values) {
        push(push);
        extraLines(trigger, values);
    }

    private void extraLines(FeedbackTrigger trigger, Map<String, Object> values) {
        for (FeedbackLine line : lines) {
            if (line.appliesTo(trigger, values)) {
                out.push(line.address(), line.render(values));
            }
        }
    }

    private void push(Push push) {
        out.push(push.address(), push.args());
    }

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return values;
    }
}
