/**
 * {@code uds doctor}: which uds backends work on this machine, and why not. Run it as
 * {@code java -p <the uds jars> -m dev.uds.doctor} (add {@code --json} for scripts and bug
 * reports, {@code --backend NAME} for one backend). It names no backend: it examines whatever
 * providers the module path holds.
 */
module dev.uds.doctor {
    requires dev.uds;
}
