"""Running the built `warrant` as a real process: exit code, output, peak memory, with a time limit."""
import os
import signal
import subprocess
import tempfile
import threading
import time


class Run:
    def __init__(self, code, out, err, max_rss_mb, seconds):
        self.code, self.out, self.err, self.max_rss_mb, self.seconds = code, out, err, max_rss_mb, seconds


def run(args, stdin=subprocess.DEVNULL, feed=None, timeout=60):
    """Runs args; `feed` (an iterable of bytes) is written to its standard input from a thread.
    Kills it after `timeout` seconds. Peak memory comes from wait4, so it is this process's own."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        p = subprocess.Popen(args, stdin=subprocess.PIPE if feed is not None else stdin, stdout=out, stderr=err)
        timer = threading.Timer(timeout, lambda: os.kill(p.pid, signal.SIGKILL))
        timer.start()
        writer = None
        if feed is not None:
            def write():
                try:
                    for chunk in feed:
                        p.stdin.write(chunk)
                    p.stdin.close()
                except (BrokenPipeError, ValueError):
                    pass
            writer = threading.Thread(target=write, daemon=True)
            writer.start()
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        timer.cancel()
        if writer:
            writer.join(5)
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return Run(p.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   usage.ru_maxrss / 1024, seconds)
