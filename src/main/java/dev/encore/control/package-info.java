/** Control events and osc-map.yaml's settings, the mapping from commands to engine actions with arming and long or double presses, and the OSC form of state messages. */
package dev.encore.control;
