/**
 * Helpers shared by the backends, exported to them alone: not part of the API.
 */
package dev.uds.internal;
