/** Status events and the sinks that push them to OSC subscribers and MIDI LEDs, with a heartbeat. */
package dev.encore.feedback;
