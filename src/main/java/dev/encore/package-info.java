/** Encore's root: the single exception type and the reasons (protocol error codes) every package shares. */
package dev.encore;
