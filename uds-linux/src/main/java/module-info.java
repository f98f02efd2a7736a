/**
 * The Linux socket core under the {@code ffm} and {@code jnr} backends: struct layouts, the
 * {@code sun_path} format, the option table, ancillary data, a descriptor's life, and the
 * capabilities they add up to. Not part of the API: its one package is exported to those two
 * backends alone, and it needs nothing but the API.
 */
module dev.uds.linux {
    requires dev.uds;

    exports dev.uds.linux to dev.uds.backend.ffm, dev.uds.backend.jnr;
}
