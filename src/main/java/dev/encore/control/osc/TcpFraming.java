package dev.encore.control.osc;

/**
 * How OSC packets are delimited on a TCP stream: OSC 1.1 double-END SLIP (the default, what
 * liblo and Open Stage Control speak) or the OSC 1.0 big-endian int32 size prefix.
 */
public enum TcpFraming {
    SLIP,
    SIZE_PREFIX
}
