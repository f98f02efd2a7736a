package dev.uds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.uds.internal.Errors;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void messageNamesTheCallTheAddressAndTheErrnoSymbol() {
        IOException e = Errors.exception("connect", UnixAddress.of("/tmp/a.sock"), Errno.ECONNREFUSED.number());
        assertEquals("connect /tmp/a.sock: ECONNREFUSED (Connection refused)", e.getMessage());
        assertEquals(111, ((NativeError) e).errno());
        assertEquals(Errno.ECONNREFUSED, ((NativeError) e).errnoSymbol().orElseThrow());
    }

    @Test
    void eachConditionHasTheTypeOfTheErrorsTable() {
        assertInstanceOf(BindException.class, Errors.exception("bind", null, Errno.EADDRINUSE.number()));
        assertInstanceOf(ConnectException.class, Errors.exception("connect", null, Errno.ECONNREFUSED.number()));
        assertInstanceOf(ConnectException.class, Errors.exception("connect", null, Errno.ENOENT.number()));
        assertInstanceOf(ConnectException.class, Errors.exception("sendto", null, Errno.ENOENT.number()));
        assertInstanceOf(UnixSocketException.class, Errors.exception("bind", null, Errno.ENOENT.number()));
        assertInstanceOf(SocketTimeoutException.class, Errors.exception("recv", null, Errno.EAGAIN.number()));
        assertInstanceOf(PermissionDeniedException.class, Errors.exception("bind", null, Errno.EACCES.number()));
        assertInstanceOf(PermissionDeniedException.class, Errors.exception("sendmsg", null, Errno.EPERM.number()));
        assertInstanceOf(BrokenPipeException.class, Errors.exception("send", null, Errno.EPIPE.number()));
        assertInstanceOf(ConnectionResetException.class, Errors.exception("recv", null, Errno.ECONNRESET.number()));
        assertInstanceOf(SocketException.class, Errors.exception("send", null, Errno.EMSGSIZE.number()));
    }

    @Test
    void anOptionTheKernelLacksIsSaidToBeMissing() {
        IOException e = Errors.exception("setsockopt SO_PASSPIDFD", UnixAddress.of("/tmp/a.sock"),
                Errno.ENOPROTOOPT.number());
        assertEquals("setsockopt SO_PASSPIDFD /tmp/a.sock: ENOPROTOOPT (Protocol not available); the running kernel ("
                + System.getProperty("os.version") + ") does not have SO_PASSPIDFD; see the option's javadoc for the"
                + " Linux version that brought it", e.getMessage());
        assertEquals("getsockopt SO_PEERSEC: ENOPROTOOPT (Protocol not available); none here",
                Errors.exception("getsockopt SO_PEERSEC", null, Errno.ENOPROTOOPT.number(), "none here").getMessage(),
                "a caller's own detail stands");
        assertEquals("bind: ENOPROTOOPT (Protocol not available)",
                Errors.exception("bind", null, Errno.ENOPROTOOPT.number()).getMessage());
    }

    @Test
    void unknownErrnoKeepsItsNumber() {
        IOException e = Errors.exception("ioctl", null, 4095);
        assertEquals("ioctl: errno 4095", e.getMessage());
        assertEquals(4095, ((NativeError) e).errno());
    }

    @Test
    void errnoIsFoundInTheJdksWording() {
        assertEquals(Errno.EADDRINUSE, Errno.fromMessage("Address already in use").orElseThrow());
        assertEquals(Errno.ENOENT, Errno.fromMessage("connect failed: No such file or directory").orElseThrow());
        assertEquals(java.util.Optional.empty(), Errno.fromMessage("something else"));
    }
}
