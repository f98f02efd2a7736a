/**
 * The {@code jdk} backend. The JDK's channels offer STREAM sockets on pathnames only; everything
 * else of unix(7) is left undeclared and refused with {@link dev.uds.UnsupportedFeatureException}.
 */
package dev.uds.backend.jdk;
