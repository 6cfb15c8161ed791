package dev.encore.app;

import dev.encore.EncoreException;
import dev.encore.app.cli.ExitCode;
import dev.encore.app.cli.NearestName;
import dev.encore.app.cli.Terminal;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Builds the picocli command line and runs it: a wrong command line prints what is wrong and the
 * {@code --help} to read (exit 2), a failure prints what happened and the next step (exit 1).
 */
final class CommandLineRunner {
    private CommandLineRunner() {
    }

    static CommandLine build(Terminal terminal) {
        return build(terminal, true);
    }

    private static CommandLine build(Terminal terminal, boolean withSubcommands) {
        CommandLine cli = new CommandLine(new EncoreCommand(terminal));
        if (withSubcommands) {
            EncoreCommand.subcommands(terminal).forEach(cli::addSubcommand);
        }
        cli.setOut(new PrintWriter(terminal.out(), true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(terminal.err(), true, StandardCharsets.UTF_8));
        cli.setUnmatchedOptionsAllowedAsOptionParameters(false);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine where = e.getCommandLine();
            terminal.err().println("encore: " + e.getMessage());
            if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
                for (String arg : unmatched.getUnmatched()) {
                    if (!arg.startsWith("-")) {
                        NearestName.of(arg, where.getSubcommands().keySet())
                                .ifPresent(name -> terminal.err().println("Did you mean '" + name + "'?"));
                        break;
                    }
                }
                CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, terminal.err());
            }
            String name = where.getCommandSpec().qualifiedName();
            terminal.err().println("Run '" + (name.equals("encore") ? "encore" : name) + " --help' to see the options.");
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, where, parsed) -> {
            if (e instanceof EncoreException failure) {
                terminal.err().println(failure.messageWithFix());
            } else {
                terminal.err().println("encore " + where.getCommandName() + " failed: " + e);
            }
            return ExitCode.FAILED;
        });
        return cli;
    }

    static int run(String[] args, Terminal terminal) {
        CommandLine daemon = daemonOnly(args, terminal);
        if (daemon != null) {
            return daemon.execute(args);
        }
        CommandLine cli = build(terminal);
        cli.setExecutionStrategy(parsed -> parsed.subcommand() == null ? new CommandLine.RunLast().execute(parsed) : quietly(parsed));
        return cli.execute(args);
    }

    /**
     * The command line without its subcommands, when {@code args} are only the daemon's own flags
     * (README's run command, a service unit): picocli reads every subcommand's annotations when it
     * builds them, which costs the daemon a third of its start. Null when the arguments need more
     * (a subcommand, help, or anything the daemon's flags alone do not parse), so that every
     * message and suggestion comes from the whole command line.
     */
    private static CommandLine daemonOnly(String[] args, Terminal terminal) {
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version")) {
                return null;
            }
        }
        CommandLine top = build(terminal, false);
        try {
            top.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return null;
        }
        return top;
    }

    /**
     * Runs a subcommand with the store's and OSC's INFO lines off: a command prints its own result;
     * warnings (a damaged record quarantined on open, say) still reach stderr.
     */
    private static int quietly(CommandLine.ParseResult parsed) {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.Level before = root.getLevel();
        root.setLevel(java.util.logging.Level.WARNING);
        try {
            return new CommandLine.RunLast().execute(parsed);
        } finally {
            root.setLevel(before);
        }
    }
}
