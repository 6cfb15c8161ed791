/** Control events and the mapping from osc-map.yaml to engine actions, with arming and long or double presses. */
package dev.encore.control;
