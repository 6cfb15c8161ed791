package dev.encore.app.nsm;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the session manager listens, from {@code NSM_URL} ({@code osc.udp://host:port/}). nsmd
 * speaks UDP only, and the API asks clients to use the URL's protocol, so only {@code osc.udp} is taken.
 */
public record NsmUrl(String text, InetSocketAddress address) {
    /** The environment variable a session manager sets for the programs it starts. */
    public static final String ENV = "NSM_URL";

    /**
     * Parses the URL.
     *
     * @throws IllegalArgumentException saying what is wrong with it, for the log
     */
    public static NsmUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(ENV + "=" + text + " is not a URL: " + e.getMessage());
        }
        if (!"osc.udp".equals(uri.getScheme())) {
            throw new IllegalArgumentException(ENV + "=" + text + " does not start with osc.udp://; the session manager"
                    + " must be reached over OSC on UDP");
        }
        if (uri.getHost() == null || uri.getPort() <= 0) {
            throw new IllegalArgumentException(ENV + "=" + text + " names no host and port (osc.udp://host:port/)");
        }
        return new NsmUrl(text.strip(), new InetSocketAddress(uri.getHost(), uri.getPort()));
    }
}
