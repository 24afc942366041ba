"""Runs aws CLI commands in one long-lived Python process.

Each request is the argument list of one `aws ...` invocation plus its AWS_* environment; it is executed by
awscli's own driver (the same entry point the `aws` script calls), so parsing, signing and output are the
real CLI's. Only the interpreter start-up (most of an `aws` call's cost) is paid once.
Protocol: one JSON object per line in ({"args": [...], "env": {...}}), one per line out ({"rc", "out", "err"}).
"""
import contextlib
import io
import json
import os
import sys

from awscli.clidriver import create_clidriver

# Importing awscli sets AWS_DATA_PATH to its bundled data (CLI command definitions): keep it.
KEEP = {"AWS_DATA_PATH": os.environ.get("AWS_DATA_PATH", "")}


# One driver per environment: a driver caches its session (credentials), so the same environment may
# reuse it, while calls with other keys (signature tests) get their own.
DRIVERS = {}


def run(args, env):
    for key in [k for k in os.environ if k.startswith("AWS_")]:
        del os.environ[key]
    os.environ.update(KEEP)
    os.environ.update(env)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            key = json.dumps(env, sort_keys=True)
            if key not in DRIVERS:
                DRIVERS[key] = create_clidriver()
            rc = DRIVERS[key].main(args)
        except SystemExit as exit_:
            rc = exit_.code if isinstance(exit_.code, int) else 1
    return rc, out.getvalue(), err.getvalue()


for line in sys.stdin:
    request = json.loads(line)
    rc, out, err = run(request["args"], request["env"])
    sys.__stdout__.write(json.dumps({"rc": rc, "out": out, "err": err}) + "\n")
    sys.__stdout__.flush()
