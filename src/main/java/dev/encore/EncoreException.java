package dev.encore;

/**
 * The one unchecked exception Encore throws: a {@link Reason} (which maps to a protocol error code
 * and carries its fix) and a message that names what failed. It never crosses a thread boundary;
 * the engine turns it into an error result and a log line.
 */
public final class EncoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public EncoreException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public EncoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The message followed by the reason's fix, for logs and CLI output. */
    public String messageWithFix() {
        return getMessage() + " " + reason.fix();
    }
}
