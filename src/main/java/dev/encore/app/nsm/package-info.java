/** Encore as a client of a session manager speaking the New Session Manager API 1.1 (nsmd, RaySession, Agordejo). */
package dev.encore.app.nsm;
