"""Runs one Python snippet of the knowledge base, read as JSON {"code", "check"} from stdin.

Prints one line of JSON: {"status": "ran"} when it ran (and its check passed),
{"status": "needs", "modules": [...]} when it imports something other than the standard
library and NumPy (it is then only compiled), or exits non-zero with the traceback.
"""
import ast
import json
import sys
import types

ALLOWED = set(sys.stdlib_module_names) | {"numpy"}
# PyTorch and SciPy snippets run where those are installed (.ci/run installs Debian's packages).
for optional in ("torch", "scipy"):
    try:
        __import__(optional)
        ALLOWED.add(optional)
    except ImportError:
        pass

job = json.load(sys.stdin)
code = job["code"]
tree = ast.parse(code)  # a syntax error fails here, whatever the snippet imports
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
missing = sorted(needs - ALLOWED)
if job.get("compileOnly"):
    missing.append(job["compileOnly"])
if missing:
    print(json.dumps({"status": "needs", "modules": missing}))
    sys.exit(0)
# The conventional PyTorch imports a snippet may leave out.
if "torch" in needs and "torch" not in bound:
    code = "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n" + code
# Run as the __main__ module, so that functions it defines can be pickled (process pools).
main = types.ModuleType("__main__")
sys.modules["__main__"] = main
exec(compile(code + "\n" + job.get("check", ""), "<snippet>", "exec"), main.__dict__)
print(json.dumps({"status": "ran"}))
