/**
 * The {@code uds-sum} command: {@code uds-sum server [options]} and
 * {@code uds-sum client [options] ARGS...}. Not exported: the launcher runs
 * {@link dev.uds.sum.cli.SumCli} by name.
 */
package dev.uds.sum.cli;
