#!/usr/bin/env bash
# JMH micro-benchmarks of the hot paths (src/test/java/**/*Benchmark.java).
#   bash bench/jmh.sh [JMH options, e.g. -f 3 CodeVault]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main "$@"
