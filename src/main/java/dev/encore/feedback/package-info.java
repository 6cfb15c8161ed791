/** What happened, not how it is shown: the feedback events, the bus that hands them to sinks off the engine thread, and {@code Status}. */
package dev.encore.feedback;
