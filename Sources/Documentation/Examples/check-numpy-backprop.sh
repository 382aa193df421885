#!/bin/sh
# Example CI step: check numpy_backprop.py against backprop on three networks; exit 1 on any
# difference, naming the first one and the likely mistake. BACKPROP is the built tool.
set -eu
BACKPROP=${BACKPROP:-backprop}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for setup in "load small" "load small; cost quadratic" "load mnist; image 3"; do
    "$BACKPROP" -q -c "$setup; export -" > "$work/reference.json"
    python3 "$here/numpy_backprop.py" "$work/reference.json" > "$work/ours.json"
    if "$BACKPROP" -q -c "compare '$work/ours.json' --json" > "$work/result.json"; then
        echo "ok    $setup"
    else
        status=1
        python3 -c 'import json, sys; r = json.load(open(sys.argv[2])); f = r["first"]
print("FAIL ", sys.argv[1] + ":", f["name"], "(" + f["path"] + "): ours", f["ours"],
      "yours", f["yours"])
for h in r["hints"]: print("      hint:", h["message"])' "$setup" "$work/result.json"
    fi
done
exit $status
