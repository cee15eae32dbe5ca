"""Drives the installed nodelab kernel through jupyter_client; prints one JSON line of findings.

Run by KernelIntegrationTest with JUPYTER_DATA_DIR pointing at a directory holding the kernelspec.
"""
import json
import sys
import time

from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

found = {}
km = KernelManager(kernel_name="nodelab")
km.start_kernel()
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=60)


def reply_to(msg_id, timeout=60):
    while True:
        msg = kc.get_shell_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def run(code, timeout=60):
    msg_id = kc.execute(code)
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind in ("execute_result", "display_data", "stream", "error"):
            outputs.append((kind, msg["content"]))
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            break
    return reply_to(msg_id, timeout)["content"], outputs


reply, out = run("1 + 1")
found["sum"] = [c["data"]["text/plain"] for k, c in out if k == "execute_result"]
reply, out = run("Charts.stepSizes(Ode.solve((t, y) -> y.neg(), tensor(1.0), new double[] {0, 1}, rk45.trace(true)).trace())")
found["png"] = any("image/png" in c.get("data", {}) for k, c in out if k == "execute_result")
reply, out = run("lynxHare()")
found["html"] = any("text/html" in c.get("data", {}) for k, c in out if k == "execute_result")
reply, out = run("System.out.println(\"hi\");")
found["stream"] = "".join(c["text"] for k, c in out if k == "stream")
reply, out = run("tensor(1, 2).add(tensor(1, 2, 3))")
found["error"] = reply["status"] == "error" and "broadcast" in reply.get("evalue", "")
reply, out = run("System.exit(1)")
found["exit_refused"] = reply["status"] == "error"
reply, out = run("2 + 3")
found["alive_after_exit"] = [c["data"]["text/plain"] for k, c in out if k == "execute_result"]

# A message signed with the wrong key must be dropped without making the kernel deaf.
bad = Session(key=b"not-the-key", username="intruder")
bad.send(kc.shell_channel.socket, "execute_request",
         {"code": "1", "silent": False, "store_history": False, "user_expressions": {}, "allow_stdin": False})
time.sleep(1)
reply, out = run("40 + 2")
found["alive_after_bad_signature"] = [c["data"]["text/plain"] for k, c in out if k == "execute_result"]

comp = reply_to(kc.complete("Solvers.ts", 10))
found["complete"] = comp["content"].get("matches", [])

# Interrupt a long training run: it must stop at a step boundary and report "interrupted".
msg_id = kc.execute("train(mlp(2, 32, 2)).data(circles(2000, 1)).loss(crossEntropy).epochs(100000).progress(null).run()")
time.sleep(3)
km.interrupt_kernel()
start = time.time()
reply = reply_to(msg_id)
found["interrupted"] = reply["content"]["status"] == "error" and "nterrupt" in (reply["content"].get("ename", "") + reply["content"].get("evalue", ""))
found["interrupt_seconds"] = round(time.time() - start, 2)
reply, out = run("7 * 6")
found["alive_after_interrupt"] = [c["data"]["text/plain"] for k, c in out if k == "execute_result"]

kc.stop_channels()
km.shutdown_kernel(now=True)
print(json.dumps(found))
