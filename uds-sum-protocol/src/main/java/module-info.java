/**
 * The sum protocol of the unix(7) example as a library ({@link dev.uds.sum.SumServer},
 * {@link dev.uds.sum.SumClient}) and as the {@code uds-sum} command, on the {@code dev.uds} API
 * and whichever backend it selects.
 */
module dev.uds.sum {
    requires dev.uds;
    requires dev.uds.systemd;

    exports dev.uds.sum;
}
