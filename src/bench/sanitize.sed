# Raw benchmark output is kept in the repository without this machine's absolute paths:
#   <command> 2>&1 | sed -f src/bench/sanitize.sed | tee src/bench/results/<date>-<what>.txt
s#/usr/lib/jvm/java-17-openjdk-amd64/bin/java#<Java 17>#g
s#/usr/lib/jvm/temurin-25-jdk-amd64/bin/java#<Temurin 25>#g
s#/usr/lib/jvm/\([A-Za-z0-9._-]*\)#<JDK \1>#g
s#/root/#~/#g
s#/work/main/##g
s#/tmp/[A-Za-z0-9._/-]*/\([A-Za-z0-9._-]*\)\.jar#<jar \1>#g
s#/tmp/\([A-Za-z0-9._-]*\)\.jar#<jar \1>#g
