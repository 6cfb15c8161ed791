package dev.encore.mirror;

import java.io.IOException;

/** The other laptop answered and said no, with why (as opposed to not answering at all). */
final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    Refused(String why) {
        super(why);
    }
}
