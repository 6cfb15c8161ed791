/** OSC over UDP and TCP on JavaOSC's codec: receive loops, framing, subscribers, replies, the pushes of feedback and the heartbeat. */
package dev.encore.control.osc;
