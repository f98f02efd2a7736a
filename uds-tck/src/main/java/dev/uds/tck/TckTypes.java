package dev.uds.tck;

import dev.uds.SocketType;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;

/** The socket types the backend under test declares, as arguments of parameterized tests. */
final class TckTypes {
    private TckTypes() {
    }

    static Stream<? extends Arguments> declared(ExtensionContext context, Predicate<SocketType> filter) {
        return TckExtension.backend(context).socketTypes().stream().filter(filter).sorted().map(Arguments::of);
    }

    /** Every declared type. */
    static final class All implements ArgumentsProvider {
        @Override
        public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
            return declared(context, t -> true);
        }
    }

    /** The declared types that connect: STREAM and SEQPACKET. */
    static final class Connected implements ArgumentsProvider {
        @Override
        public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
            return declared(context, SocketType::isConnectionOriented);
        }
    }

    /** The declared types that keep message boundaries: DGRAM and SEQPACKET. */
    static final class Messages implements ArgumentsProvider {
        @Override
        public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
            return declared(context, SocketType::keepsMessageBoundaries);
        }
    }
}
