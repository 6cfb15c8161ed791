/** Reading osc-map.yaml (and the presets it includes) into control's settings records, with every problem named by file, line and fix. */
package dev.encore.control.map;
