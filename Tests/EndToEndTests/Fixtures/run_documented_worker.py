# Runs the minimal Python worker of docs/protocol.md §9 — extracted from the document by the test
# into doc_worker.py next to this file — with a compute() that trains the cell with `worker train`.
# Arguments: ENDPOINT WORKER_EXECUTABLE SERVER_PUB CLIENT_SECRET
import json, os, subprocess, sys, tempfile
sys.path.insert(0, os.path.dirname(__file__))
from doc_worker import run

WORKER = sys.argv[2]

def compute(cell):
    with tempfile.TemporaryDirectory() as d:
        spec = os.path.join(d, "spec.yaml")
        out = os.path.join(d, "result.json")
        open(spec, "w").write(cell["spec_yaml"])
        c = cell["cell"]
        variant = ["--variant", c["variant"]] if "variant" in c else []  # a model variant's cell (docs/spec.md §4)
        subprocess.run([WORKER, "train", spec, "--width", str(c["width"]), "--seed", str(c["seed"]),
                        "--task", c["task"], "--output", out, "--quiet"] + variant, check=True, stdout=subprocess.DEVNULL)
        return open(out, "rb").read()

endpoint = sys.argv[1]
server = open(sys.argv[3]).read().split()[0].encode()
pub, sec = open(sys.argv[4]).read().split()[:2]
run(endpoint, server, pub.encode(), sec.encode(), compute, slots=2)
