package dev.encore.bench;

import dev.encore.Reason;
import dev.encore.control.ControlCommand;
import dev.encore.control.Reply;
import dev.encore.control.osc.AllowList;
import dev.encore.control.osc.Heartbeat;
import dev.encore.control.osc.JavaOscServer;
import dev.encore.control.osc.OscConfig;
import dev.encore.session.Action;
import dev.encore.session.Result;
import dev.encore.session.SessionEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The real session engine (default settings) behind the real OSC server, wired by a minimal command
 * handler (ping, save, numeric parameters): what the benchmarks drive over loopback UDP when the
 * daemon is not part of the build. Its {@link #main} starts it as a process the
 * way the daemon starts, for the start-up benchmark: {@code DATA_DIR PORT REPLY_PORT}.
 */
final class EngineOnOsc implements AutoCloseable {
    private final SessionEngine engine;
    private final JavaOscServer server;

    EngineOnOsc(Path dataDir, int port, int replyPort) {
        engine = SessionEngine.builder(dataDir).start();
        OscConfig config = OscConfig.defaults().withBindHost("127.0.0.1").withPort(port).withReplyPort(replyPort)
                .withAllow(AllowList.defaults()).withHeartbeatInterval(Duration.ZERO).withMaxTcpClients(0);
        server = new JavaOscServer(config);
        server.start(this::handle, seq -> new Heartbeat("saved", 0, false));
    }

    SessionEngine engine() {
        return engine;
    }

    int port() {
        return server.port();
    }

    private void handle(ControlCommand command, Consumer<Reply> reply) {
        switch (command.address()) {
            case "/encore/ping" -> reply.accept(new Reply.Ok("pong"));
            case "/encore/save" -> engine.submit(new Action.Save(null)).thenAccept(r -> reply.accept(toReply(r)));
            default -> param(command, reply);
        }
    }

    private void param(ControlCommand command, Consumer<Reply> reply) {
        String prefix = "/encore/param";
        if (command.address().startsWith(prefix + "/") && command.args().size() == 1 && command.args().get(0) instanceof Number n) {
            engine.live().param(command.address().substring(prefix.length())).set(n.doubleValue());
            reply.accept(new Reply.Ok(""));
        } else {
            reply.accept(new Reply.Error(Reason.BAD_ARGUMENTS, "not wired in the benchmark: " + command.address()));
        }
    }

    private static Reply toReply(Result r) {
        if (r instanceof Result.Error e) {
            return new Reply.Error(e.reason(), e.message());
        }
        return new Reply.Ok(((Result.Ok) r).message());
    }

    @Override
    public void close() {
        server.close();
        engine.close();
    }

    public static void main(String[] args) throws InterruptedException {
        EngineOnOsc running = new EngineOnOsc(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        Runtime.getRuntime().addShutdownHook(new Thread(running::close));
        System.out.println(EncoreProcess.RUNNING_LINE + ". OSC on 127.0.0.1 port " + running.port() + ".");
        Thread.currentThread().join();
    }
}
