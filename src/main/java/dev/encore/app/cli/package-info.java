/** The subcommands of {@code java -jar encore.jar}: each one opens the data folder, does one job and exits with 0, 1 or 2. */
package dev.encore.app.cli;
