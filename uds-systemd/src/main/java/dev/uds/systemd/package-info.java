/**
 * systemd's protocols for a service: the sockets it was started with
 * ({@link dev.uds.systemd.SocketActivation}, as {@code sd_listen_fds(3)}) and the state it
 * reports ({@link dev.uds.systemd.ServiceNotifier}, as {@code sd_notify(3)}). Both need a backend
 * that declares {@link dev.uds.Capability#ADOPT_DESCRIPTOR} and DGRAM sockets ({@code ffm} or
 * {@code jnr}).
 */
package dev.uds.systemd;
