/** OSC over UDP and TCP on JavaOSC's codec: receive loops, framing, subscribers and replies. */
package dev.encore.control.osc;
