"""Fixes a race in LocalStack 4.9.2's Step Functions callback tasks, applied by scripts/localstack.sh install.

With HeartbeatSeconds set, LocalStack sends the SQS message first and only then creates the task's heartbeat
endpoint. A worker that answers within that gap (milliseconds) has its SendTaskSuccess stored but never signalled,
so the task later fails with States.Timeout although it was answered. Real Step Functions has no such gap. The fix
checks for a stored answer before declaring a heartbeat timeout. Usage: python fix-callback-heartbeat-race.py <site-packages>
"""
import pathlib
import sys

TARGET = "localstack/services/stepfunctions/asl/component/state/state_execution/state_task/service/state_task_service_callback.py"
BROKEN = "            if not received and env.is_running():  # Heartbeat timed out.\n"
FIXED = ("            # sfn-task-bridge fix: an answer that arrived before the heartbeat endpoint existed still counts.\n"
         "            if not received and env.is_running() and callback_endpoint.get_outcome() is None:\n")

path = pathlib.Path(sys.argv[1]) / TARGET
source = path.read_text()
if FIXED in source:
    sys.exit(0)
if source.count(BROKEN) != 1:
    sys.exit(f"{path}: the code to fix was not found; is this LocalStack 4.9.2?")
path.write_text(source.replace(BROKEN, FIXED))
