/** JMH benchmarks that measure each promise to a performer against a baseline timed in the same run, and the program that writes BENCHMARKS.md. */
package dev.encore.bench;
