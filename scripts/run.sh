#!/usr/bin/env bash
# The README's run command: the whole demo on this machine, with no AWS account.
#   1. starts LocalStack on the host, or reuses the one running (scripts/localstack.sh);
#   2. builds target/sfn-task-bridge.jar when sources are newer than it;
#   3. runs the runtime against LocalStack with provisioning on startup (queue, DLQ, state machine);
#   4. drops samples/orders.json into the inbox, so the runtime starts an execution, logs its progress and its output.
# The runtime then keeps serving the queue until Ctrl-C. Extra arguments go to the runtime.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/localstack.sh start

jar=target/sfn-task-bridge.jar
if [[ ! -f $jar ]] || [[ -n $(find pom.xml src -newer "$jar" -print -quit) ]]; then
    echo "run: building $jar" >&2
    mvn -B -q package -DskipTests
fi

export BRIDGE_AWS_ENDPOINT=${BRIDGE_AWS_ENDPOINT:-http://localhost:${LOCALSTACK_PORT:-4566}}
# LocalStack accepts any credentials; the runtime reads them through the default provider chain like real ones.
export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-test}
export AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-test}
export BRIDGE_PROVISION_ON_STARTUP=true

inbox=${BRIDGE_INBOX_DIR:-work/inbox}
mkdir -p "$inbox"
cp samples/orders.json "$inbox/orders-$(date +%Y%m%d-%H%M%S).json"
echo "run: queued samples/orders.json in $inbox; the runtime logs the execution's progress and output. Ctrl-C stops it." >&2

exec java -jar "$jar" "$@"
