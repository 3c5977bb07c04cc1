# socketcore container image.
#
# Build the jar first, then the image (any OCI builder: docker, podman, buildah):
#   ./mvnw -B verify
#   docker build -t <your-registry>/socketcore:0.1.0 .
#
# The base is any image with a Java 17+ runtime at `java` on the PATH and /bin/sh; the default is a
# pinned current LTS JRE. CI builds with a local Debian + jlink base instead (ci/container-test.sh).
ARG BASE_IMAGE=eclipse-temurin:25-jre-noble

# Stage 1: split the Spring Boot jar into layers (as Spring Boot's reference Dockerfile does).
FROM ${BASE_IMAGE} AS builder
WORKDIR /builder
ARG JAR_FILE=target/socketcore-*.jar
COPY ${JAR_FILE} application.jar
# Permissions are set here, in the stage that is thrown away: COPY keeps them, so each application file is
# stored once in the runtime image (a chmod there would copy every file again into a layer of its own).
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted \
    && chmod -R a+rX,go-w extracted

# Stage 2: the runtime image.
FROM ${BASE_IMAGE}
# OCI labels: the build passes what it knows (ci/container-test.sh: the pom's version, the git revision).
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
ARG SOURCE=unknown
LABEL org.opencontainers.image.title="socketcore" \
      org.opencontainers.image.description="TCP greeting and parallel square service on Spring Integration" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}"
WORKDIR /application

# Layers from least to most volatile: released libraries, Boot's loader, snapshot libraries, our code.
COPY --from=builder /builder/extracted/dependencies/ ./
COPY --from=builder /builder/extracted/spring-boot-loader/ ./
COPY --from=builder /builder/extracted/snapshot-dependencies/ ./
COPY --from=builder /builder/extracted/application/ ./

# Start-up acceleration, made by a training run that starts the application context and exits
# (spring.context.exit=onRefresh: nothing is bound, no port opened, no network needed):
# - a Java 25+ runtime gets an AOT cache (JEP 483/514: classes loaded and linked, method profiles);
# - an older one (13+) gets an AppCDS archive.
# jvm.args (read by the launcher as an @argfile) names the archive. Both are only read at run time, so
# the root filesystem can be read-only; if the runtime or the jars do not match, the JVM starts without it.
# The archive is the most volatile layer: it changes with every build of the application.
RUN set -eu; \
    train="-XX:MaxRAMPercentage=75.0 -Dspring.context.exit=onRefresh -Dsocketcore.tcp.port=0 -Dmanagement.server.port=0"; \
    if java -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' AOTCacheOutput '; then \
        java -XX:AOTCacheOutput=/application/app.aot $train -jar application.jar; \
        echo "-XX:AOTCache=/application/app.aot" > jvm.args; \
    elif java -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' ArchiveClassesAtExit '; then \
        java -XX:ArchiveClassesAtExit=/application/app.jsa $train -jar application.jar; \
        echo "-XX:SharedArchiveFile=/application/app.jsa" > jvm.args; \
    else \
        : > jvm.args; \
    fi; \
    find /application -maxdepth 1 \( -name jvm.args -o -name 'app.*' \) -exec chmod a+r,go-w {} +

# TCP protocol port (socketcore.tcp.port) and Actuator HTTP port (management.server.port).
EXPOSE 12345 8080

# Numeric non-root user (no passwd entry needed); Kubernetes' runAsNonRoot can verify it.
# The Helm chart's securityContext.runAsUser must match it (a test checks that).
USER 10001:10001

# Exec form: java is PID 1 and receives SIGTERM itself (graceful shutdown).
# Memory follows the container's limit; an OutOfMemoryError ends the process so that it is restarted.
# ThreadPriorityPolicy=1 makes Java thread priorities nice values: the square pool's threads (priority 1,
# socketcore.squares.executor.thread-priority) then yield the cores to the connections' threads when both
# want them. Lowering a thread's priority needs no privilege; the JVM warns on stderr that raising one would.
# Only /tmp (java.io.tmpdir: the embedded web server's work directory) needs to be writable.
# More JVM options: environment variable JDK_JAVA_OPTIONS. Application settings: arguments after the
# image name (--socketcore.tcp.port=...), environment variables or an extra application.yml.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75.0", "-XX:+ExitOnOutOfMemoryError", "-XX:ThreadPriorityPolicy=1", "@/application/jvm.args", "-jar", "/application/application.jar"]
