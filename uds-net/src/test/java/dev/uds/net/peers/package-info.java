/**
 * The views of {@code dev.uds.net} under libraries and servers that nobody on this project wrote:
 * pgjdbc and HikariCP against a real PostgreSQL, OkHttp against nginx, jsch against OpenSSH's
 * ssh-agent, each on every backend. The servers come from {@code dev.uds.testsupport.peers}.
 */
package dev.uds.net.peers;
