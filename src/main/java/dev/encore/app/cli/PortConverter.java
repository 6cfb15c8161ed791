package dev.encore.app.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a port number; {@code --osc-port} may be 0 (pick a free port), a reply port may not. */
public abstract class PortConverter implements ITypeConverter<Integer> {
    private final int min;

    PortConverter(int min) {
        this.min = min;
    }

    @Override
    public Integer convert(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= min && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw new TypeConversionException("must be a port number from " + min + " to 65535, not '" + value + "'");
    }

    /** 0 to 65535. */
    public static final class Listen extends PortConverter {
        public Listen() {
            super(0);
        }
    }

    /** 1 to 65535. */
    public static final class Reply extends PortConverter {
        public Reply() {
            super(1);
        }
    }
}
