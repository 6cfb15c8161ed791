package dev.encore;

/**
 * The one unchecked exception Encore throws: a {@link Reason} (which maps to a protocol error code
 * and carries its fix) and a message that names what failed. It never crosses a thread boundary;
 * the engine turns it into an error result and a log line.
 */
public final class EncoreException extends RuntimeException {
    /** Version of the serialized form. */
    private static final long serialVersionUID = 1L;

    /** Why it failed; part of the serialized form. */
    private final Reason reason;

    /**
     * An exception for a reason.
     *
     * @param reason why; it carries the protocol code and the fix
     * @param message what failed, naming the session, file or argument
     */
    public EncoreException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * An exception for a reason, caused by another.
     *
     * @param reason why; it carries the protocol code and the fix
     * @param message what failed, naming the session, file or argument
     * @param cause the failure underneath, such as an IOException
     */
    public EncoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /**
     * Why it failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * The message followed by the reason's fix, for logs and CLI output.
     *
     * @return message and fix, one line
     */
    public String messageWithFix() {
        return getMessage() + " " + reason.fix();
    }
}
