/**
 * Real servers that nobody on this project wrote, started for a test or a benchmark and stopped
 * after it: PostgreSQL ({@link dev.uds.testsupport.peers.PostgresServer}), nginx
 * ({@link dev.uds.testsupport.peers.NginxServer}) and OpenSSH's agent
 * ({@link dev.uds.testsupport.peers.SshAgent}). Each lives in a scratch directory of its own, with
 * its configuration, socket, logs and pid there and nowhere else, and leaves no process behind:
 * closing it stops the server and waits for it, and a JVM that ends without closing it stops it
 * from a shutdown hook.
 *
 * <p>They need the Debian packages {@code postgresql}, {@code nginx} and {@code openssh-client},
 * which {@code .ci/run} installs where they are missing; a missing program is an error that names
 * the package, never a silent skip.
 */
package dev.uds.testsupport.peers;
