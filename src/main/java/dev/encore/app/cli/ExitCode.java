package dev.encore.app.cli;

/** The exit codes of every command: 0 done, 1 failed, 2 a wrong command line. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private ExitCode() {
    }
}
