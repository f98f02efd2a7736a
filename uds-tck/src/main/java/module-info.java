/**
 * The uds conformance kit: JUnit 5 tests that every backend runs, each gated by the socket types
 * and capabilities the backend declares. A backend binds it with one class in its tests:
 * {@code class JdkTckTest extends UnixDomainTck { protected String backendName() { return "jdk"; } }}.
 */
module dev.uds.tck {
    requires transitive dev.uds;
    requires transitive org.junit.jupiter.api;
    requires org.junit.jupiter.params;

    exports dev.uds.tck;
    opens dev.uds.tck to org.junit.platform.commons;
}
