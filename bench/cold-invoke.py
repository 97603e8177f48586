#!/usr/bin/env python3
"""One invocation in a fresh process, timed from the process's start; prints one line

  ready_ms first_ms answer_ms invoke_ms peak_kb

  cold-invoke.py fc PORT EVENT RESULT -- COMMAND...
      starts COMMAND as Function Compute starts a custom runtime (its environment is the
      caller's), waits for it to accept on PORT, posts EVENT to /invoke with FC's headers, and
      stops it with SIGTERM once answered, as FC stops an instance.
  cold-invoke.py py EVENT RESULT -- PYTHON_CALL...
      runs PYTHON_CALL, a python3 process that calls a handler once with the event in argv
      and prints "handler returned" after it; it ends by itself.

ready_ms    start to the port accepting (fc; "-" for py)
first_ms    start to the first line of the output that matches the regex RESULT (the result)
answer_ms   start to the answer received (fc) or the handler returned (py)
invoke_ms   the invocation alone: the request sent to the answer received (fc), "-" for py
peak_kb     the process's peak resident memory (VmHWM): read from /proc before SIGTERM (fc),
            the ru_maxrss of its exit (py), which is the same counter

Times are taken where the output is read, a line at a time as it comes; the port is tried
every 10 ms from this one process (no process per try, which would take CPU from the start).
The output goes to stderr when it fails, else to the file COLD_INVOKE_LOG names.
"""
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

LIMIT_S = 120  # FC gives a custom runtime 120 s to listen


def main(argv):
    mode = argv[1]
    split = argv.index("--")
    fixed, command = argv[2:split], argv[split + 1:]
    port, event, result = (int(fixed[0]), fixed[1], fixed[2]) if mode == "fc" else (None, fixed[0], fixed[1])
    if mode == "py":
        command = command + [event]
    lines, first = [], {}
    start = time.monotonic()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def read():
        for raw in proc.stdout:
            now = time.monotonic()
            line = raw.decode("utf-8", "replace")
            lines.append(line)
            if "result" not in first and re.search(result, line):
                first["result"] = now
            if "returned" not in first and line.startswith("handler returned"):
                first["returned"] = now

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    ms = lambda t: str(round((t - start) * 1000)) if t is not None else "-"
    try:
        if mode == "fc":
            ready = wait_for_port(proc, port, start)
            sent = time.monotonic()
            invoke(port, event)
            answered = time.monotonic()
            peak = vm_hwm(proc.pid)
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
            reader.join(timeout=5)
            row = [ms(ready), ms(first.get("result")), ms(answered), str(round((answered - sent) * 1000)), peak]
        else:
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            reader.join(timeout=5)
            if proc.returncode != 0 or "returned" not in first:
                raise RuntimeError("the handler failed (exit %d)" % proc.returncode)
            row = ["-", ms(first.get("result")), ms(first["returned"]), "-", str(usage.ru_maxrss)]
        if "result" not in first:
            raise RuntimeError("no line matched %r" % result)
    except Exception as e:
        if proc.poll() is None:
            proc.kill()
        sys.stderr.write("".join(lines))
        sys.stderr.write("cold-invoke: %s\n" % e)
        return 1
    log = os.environ.get("COLD_INVOKE_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write("".join(lines))
    print(" ".join(row))
    return 0


def wait_for_port(proc, port, start):
    while time.monotonic() - start < LIMIT_S:
        if proc.poll() is not None:
            raise RuntimeError("the process ended (exit %d) before listening" % proc.returncode)
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return time.monotonic()
        except OSError:
            time.sleep(0.01)
    raise RuntimeError("not listening on %d within %d s" % (port, LIMIT_S))


def invoke(port, event):
    """FC's event call of a custom runtime, with the headers FC sends."""
    request = urllib.request.Request("http://127.0.0.1:%d/invoke" % port, data=event.encode(), method="POST", headers={
        "Content-Type": "application/octet-stream",
        "x-fc-request-id": "cold-%d" % os.getpid(),
        "x-fc-control-path": "/invoke",
        "x-fc-function-name": "bactrian",
        "x-fc-function-memory": "512",
        "x-fc-function-handler": "index.handler",
        "x-fc-function-timeout": "60",
        "x-fc-region": "cn-hangzhou",
        "x-fc-qualifier": "LATEST",
    })
    with urllib.request.urlopen(request, timeout=LIMIT_S) as answer:
        body = answer.read().decode()
        if answer.headers.get("x-fc-status") != "200" or '"UP"' not in body:
            raise RuntimeError("the invocation answered %s: %s" % (answer.headers.get("x-fc-status"), body))


def vm_hwm(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return line.split()[1]
    raise RuntimeError("no VmHWM for %d" % pid)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
