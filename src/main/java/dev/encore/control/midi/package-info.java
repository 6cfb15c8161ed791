/** MIDI input and LED output through javax.sound.midi and CoreMidi4J, with device re-discovery. */
package dev.encore.control.midi;
