/** The subcommands of {@code java -jar encore.jar}: each does one job (on a data folder, or on the service that starts Encore at boot) and exits with 0, 1 or 2. */
package dev.encore.app.cli;
