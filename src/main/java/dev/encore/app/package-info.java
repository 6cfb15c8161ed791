/** The daemon's entry point: command line, configuration loading and validation, and wiring of all packages. */
package dev.encore.app;
