package dev.encore.app;

import java.util.logging.LogManager;

/**
 * java.util.logging's manager for the daemon. The standard one closes every handler from its own
 * shutdown hook, racing Encore's: the lines that say a stop went well would be lost. This one keeps
 * its handlers until the JVM is gone (each record is flushed as it is written).
 */
public final class ShutdownProofLogs extends LogManager {

    /** Ignored: called by the JVM's shutdown; the daemon configures logging through {@link #resetForConfiguration()}. */
    @Override
    public void reset() {
    }

    void resetForConfiguration() {
        super.reset();
    }
}
