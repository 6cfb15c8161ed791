/** The session model, the live state with dirty tracking, and the single-threaded SessionEngine that runs every action. */
package dev.encore.session;
