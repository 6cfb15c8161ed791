package dev.encore.app.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code --version} and written into bundles: the jar's Implementation-Version. */
public final class EncoreVersion implements IVersionProvider {
    /** The version of the running Encore, {@code "dev"} when run from classes rather than the jar. */
    public static String current() {
        String v = EncoreVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Encore " + current()};
    }
}
