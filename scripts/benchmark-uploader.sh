#!/usr/bin/env bash
# Upload throughput and peak memory of S3VideoStore against S3Mock, next to the plain AWS SDK
# transfer manager uploading the same file in the same run. Usage: scripts/benchmark-uploader.sh [MB] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl uploader-service -am test-compile -DskipTests
mvn -B -q -pl uploader-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/benchmark.classpath >/dev/null
cp="uploader-service/target/test-classes:uploader-service/target/classes:common/target/classes:$(cat uploader-service/target/benchmark.classpath)"
exec java -Xmx${BENCH_XMX:-1g} \
  -Drecpipe.s3mock.jar=uploader-service/target/s3mock/s3mock-exec.jar \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$cp" io.recpipe.uploader.benchmark.S3UploadBenchmark "${1:-500}" "${2:-2}"
