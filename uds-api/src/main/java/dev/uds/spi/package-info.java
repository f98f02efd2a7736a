/**
 * The service provider interface that backends implement: {@link dev.uds.spi.UnixDomainProvider}.
 * Applications do not need it; they use {@link dev.uds.UnixDomain}.
 */
package dev.uds.spi;
