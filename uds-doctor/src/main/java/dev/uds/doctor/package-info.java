/**
 * The doctor: it gathers what the runtime and each backend say ({@link dev.uds.doctor.Diagnosis}),
 * runs a short self-test on real sockets ({@link dev.uds.doctor.SelfTest}), and writes the result
 * as text or JSON.
 */
package dev.uds.doctor;
