package dev.encore.control;

/** How OSC packets are delimited on a TCP stream: OSC 1.1 SLIP (the default) or the OSC 1.0 int32 size prefix. */
public enum TcpFraming {
    SLIP("slip"),
    SIZE_PREFIX("size_prefix");

    private final String yamlName;

    TcpFraming(String yamlName) {
        this.yamlName = yamlName;
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
