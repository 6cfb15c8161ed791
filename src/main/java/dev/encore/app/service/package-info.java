/** Starting Encore at boot: the systemd unit and launchd agent that run the daemon, and the platform tools that enable them. */
package dev.encore.app.service;
