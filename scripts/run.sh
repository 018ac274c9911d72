#!/usr/bin/env bash
# The README's run command: the whole demo on this machine, with no AWS account.
#   1. starts LocalStack on the host, or reuses the one running (scripts/localstack.sh);
#   2. builds target/sfn-task-bridge.jar when sources are newer than it;
#   3. starts the sample pricing service: WireMock serving samples/pricing on localhost:${SAMPLE_PRICING_PORT:-8089}
#      (log in target/demo/wiremock.log), stopped with the demo; the customer database is the runtime's embedded H2;
#   4. runs the runtime against LocalStack with provisioning on startup (queue, DLQ, state machine; the activity
#      sample: an activity and its state machine; the S3 sample: the payload bucket (BRIDGE_PAYLOAD_BUCKET, default
#      sfn-task-bridge-payloads) with its expiry rule, 2000 sample orders in it as samples/orders-2000.json, and its
#      state machine) and both workers: task-worker on the queue, activity-worker on the activity;
#   5. drops samples/orders.json into the inbox twice: once for the queue sample and once, in the folder named after it,
#      for the activity sample; and, in the S3 sample's folder, the S3 pointer to the sample orders, so the runtime
#      starts three executions, logs their progress and their outputs (the enriched orders; for the S3 sample, where
#      its ResultWriter wrote them).
# The runtime then keeps serving the queue until Ctrl-C or SIGTERM. Extra arguments go to the runtime.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/localstack.sh start

jar=target/sfn-task-bridge.jar
if [[ ! -f $jar ]] || [[ -n $(find pom.xml src -newer "$jar" -print -quit) ]]; then
    echo "run: building $jar" >&2
    mvn -B -q package -DskipTests
fi

# The same WireMock the tests use, as a separate process, so the runtime jar carries no test servers.
wiremock=target/demo/wiremock-standalone.jar
if [[ ! -f $wiremock ]]; then
    version=$(sed -n 's:.*<wiremock.version>\(.*\)</wiremock.version>.*:\1:p' pom.xml)
    mvn -B -q dependency:copy -Dartifact="org.wiremock:wiremock-standalone:$version" -DoutputDirectory=target/demo \
        -Dmdep.stripVersion=true
fi
pricing_port=${SAMPLE_PRICING_PORT:-8089}
java -jar "$wiremock" --port "$pricing_port" --root-dir samples/pricing --disable-banner >target/demo/wiremock.log 2>&1 &
wiremock_pid=$!
trap 'kill "$wiremock_pid" 2>/dev/null && wait "$wiremock_pid"; true' EXIT
for _ in $(seq 150); do
    curl -sf "http://localhost:$pricing_port/__admin/health" >/dev/null && break
    kill -0 "$wiremock_pid" 2>/dev/null || { echo "run: the sample pricing service did not start, see target/demo/wiremock.log" >&2; exit 1; }
    sleep 0.2
done
export BRIDGE_ENRICH_PRICING_URL=http://localhost:$pricing_port

export BRIDGE_AWS_ENDPOINT=${BRIDGE_AWS_ENDPOINT:-http://localhost:${LOCALSTACK_PORT:-4566}}
# LocalStack accepts any credentials; the runtime reads them through the default provider chain like real ones.
export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-test}
export AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-test}
export BRIDGE_PROVISION_ON_STARTUP=true
export BRIDGE_ACTIVITY_ENABLED=${BRIDGE_ACTIVITY_ENABLED:-true}
export BRIDGE_PAYLOAD_BUCKET=${BRIDGE_PAYLOAD_BUCKET:-sfn-task-bridge-payloads}

inbox=${BRIDGE_INBOX_DIR:-work/inbox}
activity_machine=${BRIDGE_ACTIVITY_STATEMACHINE_NAME:-order-enrichment-activity}
s3_machine=${BRIDGE_S3SAMPLE_STATEMACHINE_NAME:-order-enrichment-s3}
mkdir -p "$inbox/$activity_machine" "$inbox/$s3_machine"
stamp=$(date +%Y%m%d-%H%M%S)
cp samples/orders.json "$inbox/orders-$stamp.json"
cp samples/orders.json "$inbox/$activity_machine/orders-$stamp.json"
# The S3 sample's input is only a pointer to its orders, which provisioning uploads before any route starts.
s3_key="samples/orders-${BRIDGE_PAYLOAD_SAMPLE_ITEMS:-2000}.json"
printf '{"s3Payload": {"bucket": "%s", "key": "%s"}}\n' "$BRIDGE_PAYLOAD_BUCKET" "$s3_key" \
    >"$inbox/$s3_machine/orders-$stamp.json"
echo "run: queued samples/orders.json in $inbox (queue sample) and $inbox/$activity_machine (activity sample), and" \
     "the pointer to s3://$BRIDGE_PAYLOAD_BUCKET/$s3_key in $inbox/$s3_machine (S3 sample); the runtime logs each" \
     "execution's progress and output. Ctrl-C stops it." >&2

# In the background so that a signal reaches this script at once (bash defers traps while a foreground child runs);
# the trap passes it on as SIGTERM, the runtime stops gracefully, then the EXIT trap stops WireMock.
java -jar "$jar" "$@" &
runtime_pid=$!
trap 'kill -TERM "$runtime_pid" 2>/dev/null || true' INT TERM
status=0
wait "$runtime_pid" || status=$?
# A signal ends the first wait early; this one waits for the runtime's shutdown.
if kill -0 "$runtime_pid" 2>/dev/null; then
    wait "$runtime_pid" || status=$?
fi
exit "$status"
