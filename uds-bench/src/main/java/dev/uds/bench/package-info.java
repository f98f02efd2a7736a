/**
 * JMH benchmarks of every uds backend against junixsocket and a native C floor; see
 * {@code bin/uds-bench} and {@code docs/BENCHMARKS.md}.
 */
package dev.uds.bench;
