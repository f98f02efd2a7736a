package dev.uds.testsupport.peers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * OpenSSH's {@code ssh-agent} in the foreground ({@code -D}), on a socket in a scratch directory
 * ({@code -a}), with keys that {@code ssh-keygen} makes and {@code ssh-add} adds
 * ({@link #addNewKey}). {@link #close()} stops the agent and deletes the directory, the keys with
 * it.
 */
public final class SshAgent implements AutoCloseable {
    private final Path directory;
    private final ServerProcess process;
    private final Program sshKeygen;
    private final Program sshAdd;

    /** A key the agent holds: its comment and its public key blob (the SSH wire encoding). */
    public record Key(String comment, byte[] publicKeyBlob) {
    }

    private SshAgent(Path directory, ServerProcess process, Program sshKeygen, Program sshAdd) {
        this.directory = directory;
        this.process = process;
        this.sshKeygen = sshKeygen;
        this.sshAdd = sshAdd;
    }

    /** Starts an agent that holds no key. */
    public static SshAgent start() throws IOException, InterruptedException {
        Program agent = Program.find("ssh-agent", "openssh-client");
        Program sshKeygen = Program.find("ssh-keygen", "openssh-client");
        Program sshAdd = Program.find("ssh-add", "openssh-client");
        Path directory = ScratchDirectory.create("ssh-agent");
        try {
            Path socket = directory.resolve("agent.sock");
            ServerProcess process = ServerProcess.start("ssh-agent (" + directory + ")",
                    agent.command(List.of(), List.of("-D", "-a", socket.toString())), Map.of(),
                    directory.resolve("ssh-agent.out"), "TERM");
            process.awaitReady(() -> Files.exists(socket), "listening on " + socket);
            return new SshAgent(directory, process, sshKeygen, sshAdd);
        } catch (IOException | InterruptedException | RuntimeException e) {
            ScratchDirectory.delete(directory);
            throw e;
        }
    }

    /** The agent's socket ({@code SSH_AUTH_SOCK}). */
    public Path socketPath() {
        return directory.resolve("agent.sock");
    }

    /**
     * Makes a new key with {@code ssh-keygen} (of {@code type}, such as {@code ed25519} or
     * {@code rsa}, no passphrase) and adds it to the agent with {@code ssh-add}.
     *
     * @param comment the key's comment, which the agent lists with it; also its file's name
     */
    public Key addNewKey(String type, String comment) throws IOException, InterruptedException {
        Path key = directory.resolve(comment);
        Path log = directory.resolve("keys.out");
        sshKeygen.run(List.of(), List.of("-q", "-t", type, "-N", "", "-C", comment, "-f", key.toString()), Map.of(), log);
        sshAdd.run(List.of(), List.of(key.toString()), Map.of("SSH_AUTH_SOCK", socketPath().toString()), log);
        // id.pub is "<type> <base64 blob> <comment>".
        String[] publicKey = Files.readString(directory.resolve(comment + ".pub"), StandardCharsets.US_ASCII).trim()
                .split(" ", 3);
        return new Key(comment, Base64.getDecoder().decode(publicKey[1]));
    }

    /** What {@code ssh-add -l} prints: the agent's keys as OpenSSH itself lists them. */
    public String listWithSshAdd() throws IOException, InterruptedException {
        Path log = directory.resolve("list.out");
        Files.deleteIfExists(log);
        sshAdd.run(List.of(), List.of("-l"), Map.of("SSH_AUTH_SOCK", socketPath().toString()), log);
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Stops the agent (SIGTERM: it removes its socket and exits) and deletes its directory and keys. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            process.stop();
        } finally {
            ScratchDirectory.delete(directory);
        }
    }
}
