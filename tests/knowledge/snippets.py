"""Runs the Python snippets of the knowledge base, read as a JSON list of jobs from stdin.

Each job is {"name", "code", "check", "compileOnly"}. The heavy modules (NumPy, SciPy, PyTorch) are
imported once; each snippet then runs in a forked child as its own __main__ module, with its check
appended. Prints one JSON line: a list of {"name", "status": "ran" | "needs" | "failed", "detail"}.
A snippet that imports anything but the standard library and the installed heavy modules is only
compiled ("needs", with the modules); a syntax error is "failed" whatever it imports.
"""
import ast
import json
import os
import sys
import tempfile
import traceback
import types

ALLOWED = set(sys.stdlib_module_names) | {"numpy"}
import numpy  # noqa: E402,F401  (imported once, before the children fork)

# PyTorch and SciPy snippets run where those are installed (.ci/run installs Debian's packages).
for optional in ("torch", "scipy", "scipy.stats"):
    try:
        __import__(optional)
        ALLOWED.add(optional.split(".")[0])
    except ImportError:
        pass

TORCH_IMPORTS = "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n"


def plan(job):
    """Returns (code to run, None) or (None, modules or reason it cannot run)."""
    code = job["code"]
    tree = ast.parse(code)
    needs = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            needs.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            needs.add(node.module.split(".")[0])
    # PyTorch snippets may leave out `import torch.nn as nn` / `import torch.nn.functional as F`.
    bound = {alias.asname or alias.name.split(".")[0]
             for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
             for alias in node.names}
    bound |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    if {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} & ({"torch", "nn", "F"} - bound):
        needs.add("torch")
        code = TORCH_IMPORTS + code
    missing = sorted(needs - ALLOWED)
    if job.get("compileOnly"):
        missing.append(job["compileOnly"])
    return (None, missing) if missing else (code + "\n" + job.get("check", ""), None)


def run(name, code):
    """Runs code as __main__ in a forked child; returns None or the child's traceback."""
    with tempfile.TemporaryFile("w+") as err:
        pid = os.fork()
        if pid == 0:
            try:
                main = types.ModuleType("__main__")
                sys.modules["__main__"] = main  # so that functions it defines can be pickled
                exec(compile(code, f"<{name}>", "exec"), main.__dict__)
                sys.stdout.flush()
                os._exit(0)
            except BaseException:
                err.write(traceback.format_exc())
                err.flush()
                os._exit(1)
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) == 0:
            return None
        err.seek(0)
        return err.read() or f"exit status {os.waitstatus_to_exitcode(status)}"


results = []
for job in json.load(sys.stdin):
    try:
        code, missing = plan(job)
    except SyntaxError:
        results.append({"name": job["name"], "status": "failed", "detail": traceback.format_exc()})
        continue
    if missing:
        results.append({"name": job["name"], "status": "needs", "detail": ", ".join(missing)})
        continue
    failure = run(job["name"], code)
    results.append({"name": job["name"], "status": "failed" if failure else "ran", "detail": failure or ""})
sys.stdout.write("\n" + json.dumps(results) + "\n")
