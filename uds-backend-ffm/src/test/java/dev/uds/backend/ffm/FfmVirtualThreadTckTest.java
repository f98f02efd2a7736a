package dev.uds.backend.ffm;

import dev.uds.tck.UnixDomainTck;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * The TCK on the {@code ffm} backend again, each test run on a virtual thread: every call then
 * takes the parking path (MSG_DONTWAIT, the poller, O_NONBLOCK accept, connect with retries),
 * and must behave exactly as the platform threads' blocking calls do.
 */
@ExtendWith(FfmVirtualThreadTckTest.OnVirtualThread.class)
class FfmVirtualThreadTckTest extends UnixDomainTck {
    @Override
    protected String backendName() {
        return "ffm";
    }

    /** Runs each test method, plain or parameterized, on a new virtual thread, and waits for it. */
    static final class OnVirtualThread implements InvocationInterceptor {
        @Override
        public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                ExtensionContext context) throws Throwable {
            run(invocation);
        }

        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                ExtensionContext context) throws Throwable {
            run(invocation);
        }

        private static void run(Invocation<Void> invocation) throws Throwable {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread thread = Thread.ofVirtual().name("tck-on-virtual-thread").start(() -> {
                try {
                    invocation.proceed();
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            thread.join();
            if (thrown.get() != null) {
                throw thrown.get();
            }
        }
    }
}
