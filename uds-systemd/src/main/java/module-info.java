/**
 * systemd's two AF_UNIX protocols for a service, on the {@code dev.uds} API alone: socket
 * activation ({@code LISTEN_FDS}, {@link dev.uds.systemd.SocketActivation}) and readiness
 * notification ({@code sd_notify}, {@link dev.uds.systemd.ServiceNotifier}).
 */
module dev.uds.systemd {
    requires dev.uds;

    exports dev.uds.systemd;
}
