#!/usr/bin/env python3
"""Rebuild latency of `congkhai serve` after a one-file edit: the time from writing a
procedure file to the server reporting a new build (debounce included), median of 5.

    cargo build --release && cargo bench --bench build -- --sizes 2000 --runs 1
    python3 benches/serve-latency.py

Measures the sample site and, when the benchmark has generated it, the 2,000-procedure
corpus in target/bench/corpus-2000. A report, not a test."""
import glob, json, os, re, shutil, statistics, subprocess, tempfile, time, urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(REPO, "target", "release", "congkhai")


def latencies(root, runs=5):
    server = subprocess.Popen([BINARY, "serve", "--port", "0", "--root", root],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = None
        while port is None:
            match = re.search(r"127\.0\.0\.1:(\d+)", server.stdout.readline())
            port = match and int(match.group(1))
        status = lambda: json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/__congkhai/status"))
        target = sorted(glob.glob(os.path.join(root, "content/procedures/**/*.md"), recursive=True))[0]
        original = open(target, encoding="utf-8").read()
        times = []
        for i in range(runs):
            before = status()["build"]
            started = time.monotonic()
            with open(target, "w", encoding="utf-8") as f:
                f.write(original + f"\nSửa lần {i}.\n")
            while status()["build"] == before:
                time.sleep(0.01)
            times.append(time.monotonic() - started)
            time.sleep(0.3)
        return times
    finally:
        server.kill()


def main():
    sites = [("sample site", REPO), ("2,000 procedures", os.path.join(REPO, "target/bench/corpus-2000"))]
    for name, source in sites:
        if not os.path.exists(os.path.join(source, "congkhai.toml")):
            print(f"{name}: skipped ({source} not generated; run the build benchmark first)")
            continue
        with tempfile.TemporaryDirectory() as work:
            root = os.path.join(work, "site-root")
            shutil.copytree(source, root, ignore=shutil.ignore_patterns(
                "target", "site", "node_modules", ".git", "src", "tests", "benches"))
            times = latencies(root)
        print(f"{name}: edit to rebuilt, median {statistics.median(times) * 1000:.0f} ms "
              f"(runs: {', '.join(f'{t * 1000:.0f}' for t in times)})")


if __name__ == "__main__":
    main()
