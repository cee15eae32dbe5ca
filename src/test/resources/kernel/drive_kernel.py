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
# A training run shows one live output (display_data with a display id) and updates it in place.
msg_id = kc.execute("seed(1); train(mlp(2, 16, 2)).data(circles(1000, 1)).loss(crossEntropy).epochs(25).run().size()")
kinds = []
while True:
    msg = kc.get_iopub_msg(timeout=120)
    if msg["parent_header"].get("msg_id") != msg_id:
        continue
    if msg["msg_type"] in ("display_data", "update_display_data"):
        kinds.append((msg["msg_type"], msg["content"].get("transient", {}).get("display_id"),
                      "image/png" in msg["content"].get("data", {})))
    if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
        break
reply_to(msg_id)
found["live"] = kinds

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



def texts(out):
    return [c["data"]["text/plain"] for k, c in out if k == "execute_result"]


def traceback(out):
    return "\n".join(line for k, c in out if k == "error" for line in c.get("traceback", []))


# A busy loop in a cell is stopped within seconds; variables defined before survive.
run("long cnt = 0; int keep = 41;")
msg_id = kc.execute("while (true) { cnt++; }")
time.sleep(2)
km.interrupt_kernel()
start = time.time()
reply = reply_to(msg_id)["content"]
found["busy_interrupted"] = reply["status"] == "error" and reply.get("ename") == "Interrupted"
found["busy_seconds"] = round(time.time() - start, 2)
reply, out = run("keep + 1")
found["kept_after_busy"] = texts(out)
reply, out = run("cnt > 0")
found["loop_ran"] = texts(out)

# The cell after an interrupted one runs to its end: no escalation of the old interrupt reaches it.
msg_id = kc.execute("Thread.sleep(60_000)")
time.sleep(1)
km.interrupt_kernel()
reply_to(msg_id)
reply, out = run("Thread.sleep(3000); \"slept\"")
found["after_interrupt"] = texts(out)

# Calls that would end the JVM are refused however they are written; the text alone is fine.
reply, out = run("Runtime.getRuntime().exit(0)")
found["runtime_exit_refused"] = reply["status"] == "error" and reply.get("ename") == "Refused"
reply, out = run("java.util.function.IntConsumer ex = System::exit; ex.accept(0);")
found["method_ref_exit_refused"] = reply["status"] == "error" and reply.get("ename") == "Refused"
reply, out = run("\"System.exit(0)\".length()")
found["exit_text_allowed"] = texts(out)

# Errors: the exception's own name, its causes, and line numbers of the cell.
reply, out = run("int f3() {\n  int a = 1;\n  throw new IllegalStateException(\"three\");\n}\nf3()")
found["method_line"] = traceback(out)
reply, out = run("java.nio.file.Files.readString(java.nio.file.Path.of(\"no-such-file.csv\"))")
found["ename"] = reply.get("ename")
found["evalue"] = reply.get("evalue")
reply, out = run("throw new RuntimeException(\"outer\", new java.io.IOException(\"inner\"))")
found["cause_chain"] = traceback(out)
reply, out = run("1 + undefinedName")
found["symbol_error"] = traceback(out)
reply, out = run("6 * 7")
found["alive_at_end"] = texts(out)

kc.stop_channels()
km.shutdown_kernel(now=True)
print(json.dumps(found))
