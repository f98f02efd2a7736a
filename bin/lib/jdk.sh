# Sourced by the launchers in bin/: finds the JDK to run uds with, without JAVA_HOME set by hand.
# Sets uds_java (the java binary) and uds_java_version (its feature version): $UDS_JAVA if set,
# else the newest JDK 22+ among $JAVA_HOME and /usr/lib/jvm/*, else `java` on the PATH.

uds_feature_version() {
  local java="$1" release version
  release="$(dirname "$(dirname "$java")")/release"
  if [ -f "$release" ]; then
    version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")"
  else
    version="$("$java" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1)"
  fi
  echo "${version:-0}"
}

uds_find_java() {
  uds_java=""
  uds_java_version=0
  if [ -n "${UDS_JAVA:-}" ]; then
    uds_java="$UDS_JAVA"
    uds_java_version="$(uds_feature_version "$uds_java")"
    return 0
  fi
  local candidate version
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] || continue
    version="$(uds_feature_version "$candidate")"
    if [ "$version" -ge 22 ] && [ "$version" -gt "$uds_java_version" ]; then
      uds_java="$candidate"
      uds_java_version="$version"
    fi
  done
  if [ -z "$uds_java" ]; then
    uds_java="$(command -v java || true)"
    [ -n "$uds_java" ] || return 1
    uds_java_version="$(uds_feature_version "$uds_java")"
  fi
}

# Sets uds_native_access to the --enable-native-access option for the modules in the directory $1
# that load native code: dev.uds.backend.ffm (FFM, Java 22+) and org.jnrproject.jffi (jnr's JNI
# stub, which Java 24+ warns about without it). Empty below Java 22 or when neither is there.
uds_native_access() {
  local modules=()
  uds_native_access=""
  [ "$uds_java_version" -ge 22 ] || return 0
  compgen -G "$1/uds-backend-ffm-*.jar" >/dev/null && modules+=(dev.uds.backend.ffm)
  compgen -G "$1/jffi-*.jar" >/dev/null && modules+=(org.jnrproject.jffi)
  [ ${#modules[@]} -eq 0 ] || uds_native_access="--enable-native-access=$(IFS=,; echo "${modules[*]}")"
}
