package dev.encore.control;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.session.Action;
import dev.encore.session.Result;
import dev.encore.session.SessionEngine;
import dev.encore.session.SessionRef;
import dev.encore.session.SourceMode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol's behaviour: turns each command (from OSC or MIDI, after osc-map.yaml's renames and
 * button values) into an engine action or a live-state change and answers it exactly once. It never
 * blocks the listener thread: actions are queued to the engine and answered when they complete;
 * parameters are set at once through cached handles, so a moving fader costs little.
 */
public final class CommandRouter implements CommandHandler {
    /** Longer reply messages (one quoting a huge name, say) are cut to this length, so a reply always fits a datagram. */
    static final int MAX_MESSAGE_CHARS = 400;
    private static final Logger LOG = LoggerFactory.getLogger(CommandRouter.class);
    private static final String CONFIRM = "confirm";

    private final ControlMap map;
    private final SessionEngine engine;
    private final ReplyChannel direct;
    private final StateDump dump;
    private final ParamRoute params;
    private final Set<String> renamed = new HashSet<>();
    private volatile TakeoverControl takeover = TakeoverControl.STANDALONE;

    public CommandRouter(ControlMap map, SessionEngine engine, ReplyChannel direct) {
        this.map = map;
        map.addresses().values().forEach(renamed::addAll);
        this.engine = engine;
        this.direct = direct;
        this.dump = new StateDump(direct);
        this.params = new ParamRoute(engine.live(), map.session(), direct);
    }

    /** Where /encore/takeover goes: the mirror of a backup laptop. */
    public void onTakeover(TakeoverControl control) {
        this.takeover = control;
    }

    @Override
    public void handle(ControlCommand incoming, Consumer<Reply> reply) {
        try {
            ControlCommand command = renamed.contains(incoming.address()) ? map.translate(incoming) : incoming;
            if (command == null) {
                reply.accept(new Reply.Ok("released: nothing to run"));
            } else {
                route(command, reply);
            }
        } catch (EncoreException e) {
            reply.accept(new Reply.Error(e.reason(), brief(e.getMessage())));
        } catch (RuntimeException e) {
            LOG.warn("{} from {} failed", incoming.address(), incoming.origin(), e);
            reply.accept(new Reply.Error(Reason.GENERAL, brief(incoming.address() + " failed: " + e)));
        }
    }

    private void route(ControlCommand command, Consumer<Reply> reply) {
        String address = command.address();
        if (ParamRoute.isParam(address)) {
            params.handle(command, reply);
            return;
        }
        String name = address.startsWith(Commands.PREFIX) ? address.substring(Commands.PREFIX.length()) : "";
        List<Object> args = command.args();
        switch (name) {
            case "save" -> submit(new Action.Save(args(command, "[s:name]").count(0, 1).optionalText(0)), reply);
            case "save_copy" -> submit(new Action.SaveCopy(args(command, "[s:name]").count(0, 1).optionalText(0)), reply);
            case "open" -> submit(open(args(command, "s:name | i:position | s:name i:revision").count(1, 2)), reply);
            case "history" -> {
                String of = args(command, "[s:name]").count(0, 1).optionalText(0);
                submit(new Action.History(of == null ? null : SessionRef.name(of)), reply, ok -> {
                    if (ok instanceof Result.Revisions r) {
                        dump.history(command.origin(), r.revisions());
                    }
                });
            }
            case "undo" -> submit(none(command, new Action.Undo()), reply);
            case "redo" -> submit(none(command, new Action.Redo()), reply);
            case "undelete" -> submit(none(command, new Action.Undelete()), reply);
            case "next" -> submit(none(command, new Action.Next()), reply);
            case "prev" -> submit(none(command, new Action.Prev()), reply);
            case "rename" -> {
                Arguments a = args(command, "s:new_name [s:old_name]").count(1, 2);
                String old = a.optionalText(1);
                submit(new Action.Rename(a.text(0), old == null ? null : SessionRef.name(old)), reply);
            }
            case "delete" -> submit(delete(args(command, "[s:name] [s:name s:\"confirm\"]").count(0, 2)), reply);
            case "delete/confirm" -> submit(new Action.Delete(optionalSession(
                    args(command, "[s:name]").count(0, 1)), true), reply);
            case "revert" -> submit(new Action.Revert(confirmed(args(command, "[s:\"confirm\"]").count(0, 1), 0)), reply);
            case "revert/confirm" -> submit(none(command, new Action.Revert(true)), reply);
            case "move" -> {
                Arguments a = args(command, "i:from i:to").count(2, 2);
                submit(new Action.Move(a.whole(0), a.whole(1)), reply);
            }
            case "list" -> submit(none(command, new Action.ListSessions()), reply, ok -> {
                if (ok instanceof Result.Listed l) {
                    dump.list(command.origin(), l.sessions());
                }
            });
            case "sync" -> submit(none(command, new Action.Sync()), reply, ok -> {
                if (ok instanceof Result.Synced s) {
                    dump.sync(command.origin(), s.state());
                }
            });
            case "fixtures" -> submit(none(command, new Action.ListFixtures()), reply, ok -> {
                if (ok instanceof Result.Fixtures f) {
                    dump.fixtures(command.origin(), f);
                }
            });
            case "check" -> submit(none(command, new Action.Check()), reply);
            case "ping" -> {
                args(command, "no arguments").count(0, 0);
                direct.send(command.origin(), "/encore/pong", List.of(Commands.PROTOCOL_VERSION));
                reply.accept(new Reply.Ok("pong"));
            }
            case "fixture" -> submit(new Action.SelectFixture(args(command, "s:id").count(1, 1).text(0)), reply);
            case "track/import" -> submit(importTrack(args(command, "s:path [f:trim_start_s f:trim_end_s]")), reply);
            case "export" -> {
                Arguments a = args(command, "s:path [s:name...]").count(1, Integer.MAX_VALUE);
                List<String> names = new java.util.ArrayList<>();
                for (int i = 1; i < a.size(); i++) {
                    names.add(a.text(i));
                }
                submit(new Action.ExportBundle(path(a.text(0)), names), reply);
            }
            case "import" -> submit(new Action.ImportBundle(path(args(command, "s:path").count(1, 1).text(0))), reply);
            case "track/trim" -> {
                Arguments a = args(command, "i:track f:start_s f:end_s").count(3, 3);
                submit(new Action.TrimTrack(a.whole(0), a.decimal(1), a.decimal(2)), reply);
            }
            case "track/cancel" -> submit(new Action.CancelImport(args(command, "[s:file]").count(0, 1).optionalText(0)), reply);
            case "track/remove" -> submit(new Action.RemoveTrack(args(command, "i:track").count(1, 1).whole(0)), reply);
            case "stems/mode" -> submit(new Action.SetSourceMode(
                    SourceMode.parse(args(command, "s:full|vocals|instruments").count(1, 1).text(0))), reply);
            case "takeover" -> {
                args(command, "no arguments").count(0, 0);
                takeover.takeover().whenComplete((message, thrown) -> {
                    Throwable failure = thrown instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                            ? c.getCause() : thrown;
                    reply.accept(failure == null ? new Reply.Ok(brief(message))
                            : failure instanceof EncoreException e ? new Reply.Error(e.reason(), brief(e.getMessage()))
                            : new Reply.Error(Reason.GENERAL, brief("takeover failed: " + failure)));
                });
            }
            case "subscribe", "unsubscribe" -> reply.accept(new Reply.Error(Reason.BAD_ARGUMENTS,
                    address + " works over OSC only: it names where OSC replies go."));
            default -> reply.accept(unknown(address, args));
        }
    }

    private void submit(Action action, Consumer<Reply> reply) {
        submit(action, reply, ok -> { });
    }

    /** Queues the action; on success {@code before} sends what goes ahead of the reply, then the reply. */
    private void submit(Action action, Consumer<Reply> reply, Consumer<Result.Ok> before) {
        engine.submit(action).whenComplete((result, failure) -> {
            if (failure != null) {
                reply.accept(new Reply.Error(Reason.GENERAL, action.verb() + " failed: " + failure));
            } else if (result instanceof Result.Ok ok) {
                try {
                    before.accept(ok);
                } catch (RuntimeException e) {
                    LOG.warn("Sending the answer to {} failed", action.verb(), e);
                }
                reply.accept(new Reply.Ok(brief(ok.message())));
            } else if (result instanceof Result.Error error) {
                reply.accept(new Reply.Error(error.reason(), brief(error.message())));
            }
        });
    }

    private static String brief(String message) {
        return message == null || message.length() <= MAX_MESSAGE_CHARS ? message
                : message.substring(0, MAX_MESSAGE_CHARS - 3) + "...";
    }

    private static Arguments args(ControlCommand command, String usage) {
        return new Arguments(command.address(), command.args(), usage);
    }

    private static Action none(ControlCommand command, Action action) {
        args(command, "no arguments").count(0, 0);
        return action;
    }

    private static SessionRef session(Arguments a) {
        return a.isText(0) ? SessionRef.name(a.text(0)) : SessionRef.position(a.whole(0));
    }

    /**
     * {@code []} arms for the active session, {@code [s:name]} for that one, whatever the name is (a
     * session may be called "confirm"). Only the old two-word form {@code s:name s:"confirm"}, which
     * names its session, deletes at once; {@code /encore/delete/confirm} is the form for new layouts.
     */
    private static Action delete(Arguments a) {
        return new Action.Delete(optionalSession(a), confirmed(a, 1));
    }

    private static SessionRef optionalSession(Arguments a) {
        String name = a.optionalText(0);
        return name == null ? null : SessionRef.name(name);
    }

    private static boolean confirmed(Arguments a, int i) {
        if (a.size() <= i) {
            return false;
        }
        if (!CONFIRM.equals(a.text(i))) {
            throw a.bad();
        }
        return true;
    }

    private static Action importTrack(Arguments a) {
        if (a.size() != 1 && a.size() != 3) {
            throw a.bad();
        }
        return new Action.ImportTrack(path(a.text(0)), a.optionalDecimal(1), a.optionalDecimal(2));
    }

    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "'" + text + "' is not a file path: " + e.getReason() + ".");
        }
    }

    private static Action open(Arguments a) {
        if (a.size() == 2) {
            return new Action.OpenRevision(SessionRef.name(a.text(0)), a.whole(1));
        }
        return new Action.Open(session(a));
    }

    private static Reply unknown(String address, List<Object> args) {
        String hint = "";
        if (address.startsWith(Commands.PREFIX) && address.length() < 64) {
            hint = Suggestions.hint(address.substring(Commands.PREFIX.length()), Commands.NAMES, "known commands");
        }
        return new Reply.Error(Reason.BAD_ARGUMENTS, "Unknown address " + address + hint
                + (address.startsWith(Commands.PREFIX) ? "" : "; commands start with /encore/ or a name osc-map.yaml gives them"));
    }
}
