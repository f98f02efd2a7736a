package dev.uds;

import dev.uds.spi.UnixDomainProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The backends found on the class or module path, and the choice among them (see {@link UnixDomain}). */
final class Registry {
    static final String PROPERTY = "uds.backend";
    static final String ENVIRONMENT = "UDS_BACKEND";

    /** ServiceLoader's wording: "Provider X not found", "Provider X could not be instantiated", "Unable to load X". */
    private static final Pattern PROVIDER_CLASS = Pattern.compile("\\bProvider ([\\w$.]+) |\\bUnable to load ([\\w$.]+)$");
    /** A class file error (such as a provider compiled for a newer Java) starts with the class, with slashes. */
    private static final Pattern FAILED_CLASS = Pattern.compile("^([\\w$]+(?:/[\\w$]+)+) ");

    private final List<Backend> backends;

    Registry(List<Backend> backends) {
        this.backends = List.copyOf(backends);
    }

    private static final class Installed {
        static final Registry INSTANCE = load(ServiceLoader.load(UnixDomainProvider.class));
    }

    static Registry installed() {
        return Installed.INSTANCE;
    }

    /**
     * Loads every provider, each on its own: a provider that fails to load or to describe itself
     * is kept as an unavailable backend with its cause, and the others load on.
     */
    static Registry load(Iterable<UnixDomainProvider> loader) {
        Map<String, Backend> found = new LinkedHashMap<>();
        Iterator<UnixDomainProvider> providers = loader.iterator();
        // ServiceLoader skips past a provider that failed at the next call; the bound guards
        // against an iterator that would fail forever at the same place.
        for (int attempt = 0; attempt < 1000; attempt++) {
            Backend backend;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                backend = Backend.of(providers.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                backend = Backend.failed(backendName(providerClass(e)), e);
            }
            // On the module path a provider class that will not load fails twice, from the
            // module's provides and from its META-INF/services entry: the first report is kept.
            found.putIfAbsent(backend.name(), backend);
        }
        return new Registry(new ArrayList<>(found.values()));
    }

    /**
     * The name a provider that failed to load goes by: its class's simple name without the
     * {@code Provider} suffix every provider has, in lower case ({@code FfmProvider} is
     * {@code ffm}), so that {@code -Duds.backend=ffm} finds it and says why it is unavailable;
     * the whole class name when it does not follow that pattern.
     */
    static String backendName(String providerClass) {
        String simple = providerClass.substring(providerClass.lastIndexOf('.') + 1);
        return simple.endsWith("Provider") && simple.length() > "Provider".length()
                ? simple.substring(0, simple.length() - "Provider".length()).toLowerCase(Locale.ROOT)
                : providerClass;
    }

    static String providerClass(Throwable e) {
        String message = String.valueOf(e.getMessage());
        Matcher m = PROVIDER_CLASS.matcher(message);
        if (m.find()) {
            return m.group(1) != null ? m.group(1) : m.group(2);
        }
        Matcher c = FAILED_CLASS.matcher(message);
        return c.find() ? c.group(1).replace('/', '.') : e.getClass().getName();
    }

    List<Backend> backends() {
        return backends;
    }

    /** The backends' own order of preference: available first, then by priority. */
    private List<Backend> ranked() {
        return backends.stream()
                .sorted(Comparator.comparing(Backend::isAvailable).thenComparingInt(Backend::priority).reversed())
                .collect(Collectors.toList());
    }

    Backend named(String name) {
        return backends.stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new BackendSelectionException("no backend named '" + name + "'; "
                        + describeAll()));
    }

    /** The backend named by the property or environment, if any, else the highest priority. */
    Backend select(SocketType type) {
        return select(type, null, requested());
    }

    /** As {@link #select(SocketType)}, among the backends that also declare a capability. */
    Backend select(SocketType type, Capability needed) {
        return select(type, needed, requested());
    }

    static String requested() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(ENVIRONMENT);
        }
        return value == null || value.isBlank() ? null : value;
    }

    Backend select(SocketType type, Capability needed, String requested) {
        // A null type is any: adopting a descriptor whose type is not known yet.
        Predicate<Backend> fits = b -> (type == null ? b.isAvailable() : b.supports(type))
                && (needed == null || b.supports(needed));
        String wanted = type == null ? needed.description()
                : type + " sockets" + (needed == null ? "" : " with " + needed.description());
        if (requested == null) {
            return ranked().stream().filter(fits).findFirst()
                    .orElseThrow(() -> new BackendSelectionException("no installed backend supports " + wanted
                            + "; " + describeAll()));
        }
        List<String> names = List.of(requested.trim().split("\\s*,\\s*"));
        for (String name : names) {
            named(name); // an unknown name is an error even when a later one would do
        }
        return names.stream().map(this::named).filter(fits).findFirst()
                .orElseThrow(() -> new BackendSelectionException(PROPERTY + "=" + requested + ": none of "
                        + names + " supports " + wanted + " here; backends that do: "
                        + orNone(namesWith(fits)) + "; " + describeAll()));
    }

    List<String> namesWith(Capability capability) {
        return namesWith(b -> b.supports(capability));
    }

    List<String> namesWith(SocketType type) {
        return namesWith(b -> b.supports(type));
    }

    private List<String> namesWith(Predicate<Backend> test) {
        return ranked().stream().filter(test).map(Backend::name).collect(Collectors.toList());
    }

    private static String orNone(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private String describeAll() {
        if (backends.isEmpty()) {
            return "no backend is installed: put uds-backend-jdk, uds-backend-ffm or uds-backend-jnr on the "
                    + "class or module path";
        }
        return "installed: " + backends.stream().map(Backend::toString).collect(Collectors.joining("; "));
    }
}
