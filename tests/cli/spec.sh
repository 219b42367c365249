#!/usr/bin/env bash
# tests/cli/spec.sh — the spec cases of tests/spec/*.spec through the command
# line (build/tests/test_spec runs the same cases through the library): each
# case's text goes to `annals code --date D`, and the set of "SOURCE TARGET
# CODE STATUS [DATE]" lines must equal the expected one.
source "$(dirname "$0")/lib.sh"
python3 - "$ANNALS" tests/spec/*.spec > "$TMP/results" <<'PY'
import json, subprocess, sys
annals, files = sys.argv[1], sys.argv[2:]
def cases(path):
    case, state = None, None
    for line in open(path, encoding="utf-8"):
        if line.startswith("### "):
            case, state = {"name": line[4:].strip(), "date": None, "text": "", "expected": set()}, "text"
        elif state == "text" and line.startswith("date: "):
            case["date"] = line[6:].strip()
        elif state == "text" and line == "---\n":
            state = "events"
        elif state == "text":
            case["text"] += line
        elif state == "events" and line == "===\n":
            yield case
            state = None
        elif state == "events" and line.strip():
            case["expected"].add(line.strip())
for path in files:
    for case in cases(path):
        command = [annals, "code", "--quiet"] + (["--date", case["date"]] if case["date"] else [])
        run = subprocess.run(command, input=case["text"].encode(), capture_output=True)
        got = set()
        for line in run.stdout.decode().splitlines():
            e = json.loads(line)
            parts = [e["source"]["country"] if e["source"] else "-", e["target"]["country"] if e["target"] else "-",
                     e["code"], e["status"]] + ([e["date"]] if e["date"] else [])
            got.add(" ".join(parts))
        ok = run.returncode == 0 and got == case["expected"]
        print(("PASS " if ok else "FAIL ") + case["name"] + ("" if ok else f" expected {sorted(case['expected'])} got {sorted(got)}"))
PY
while IFS= read -r line; do
  name=${line#* }
  check "$name" test "${line%% *}" = PASS
  [ "${line%% *}" = PASS ] || echo "    $line"
done < "$TMP/results"
finish
