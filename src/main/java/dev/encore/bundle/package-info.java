/** Show bundles: one verified zip file that carries sessions, their revisions and their audio from one data folder to another. */
package dev.encore.bundle;
