package dev.encore.bundle;

import dev.encore.EncoreException;
import dev.encore.Reason;

/** Why a bundle is not imported: the message names what is wrong; the data folder was not touched. */
final class BundleRefused {
    private BundleRefused() {
    }

    static EncoreException because(String what) {
        return new EncoreException(Reason.BUNDLE_REFUSED, what);
    }
}
