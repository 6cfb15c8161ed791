/** Import and decoding of audio files, resampling, trim, and stem extraction with a content-keyed stem cache. */
package dev.encore.audio;
