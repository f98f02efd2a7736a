package dev.uds.net;

import dev.uds.UnixAddress;
import java.util.Properties;

/** Reads a {@link UnixSocketFactory}'s address from {@link Properties}, in the order its javadoc gives. */
final class FactoryProperties {

    private FactoryProperties() {
    }

    static UnixAddress address(Properties properties) {
        String path = nonEmpty(properties.getProperty(UnixSocketFactory.PATH_PROPERTY));
        if (path != null) {
            return UnixAddress.of(path);
        }
        String name = properties.getProperty(UnixSocketFactory.ABSTRACT_NAME_PROPERTY);
        if (name != null) {
            return UnixAddress.abstractName(name);
        }
        String arg = nonEmpty(properties.getProperty(UnixSocketFactory.SOCKET_FACTORY_ARG));
        if (arg != null) {
            return UnixAddress.of(arg);
        }
        String system = nonEmpty(System.getProperty(UnixSocketFactory.PATH_PROPERTY));
        if (system != null) {
            return UnixAddress.of(system);
        }
        throw new IllegalStateException("UnixSocketFactory(Properties) found no socket address: set "
                + UnixSocketFactory.PATH_PROPERTY + ", " + UnixSocketFactory.ABSTRACT_NAME_PROPERTY
                + " or " + UnixSocketFactory.SOCKET_FACTORY_ARG + " in the properties, or the system property "
                + UnixSocketFactory.PATH_PROPERTY);
    }

    private static String nonEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
