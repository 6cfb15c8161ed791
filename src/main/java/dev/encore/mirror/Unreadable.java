package dev.encore.mirror;

import java.io.IOException;

/**
 * This laptop cannot read one of its own blobs to send it (gone from its folder, or damaged): the
 * other laptop is not to blame, and sending again does not help until the audio is back here.
 */
final class Unreadable extends IOException {
    private static final long serialVersionUID = 1L;

    Unreadable(String why, Throwable cause) {
        super(why, cause);
    }
}
