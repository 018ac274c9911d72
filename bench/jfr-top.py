#!/usr/bin/env python3
"""Summarises a JFR recording's CPU samples (jdk.ExecutionSample): top frames (self), and inclusive counts by code
area and by our own / Camel / SDK methods.  Usage: bench/jfr-top.py recording.jfr [thread-name-filter]
Needs `jfr` (the JDK's tool) on PATH."""
import collections, json, re, subprocess, sys

rec = sys.argv[1]
thread_filter = sys.argv[2] if len(sys.argv) > 2 else None
out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", rec],
                     capture_output=True, text=True, check=True).stdout
events = json.loads(out)["recording"]["events"]

AREAS = [  # first match wins, checked on every frame of a stack (inclusive)
    ("ledger (H2/JDBC)", re.compile(r"^(org\.h2|com\.zaxxer|io\.sfntaskbridge\.ledger|org\.postgresql)")),
    ("metrics (micrometer)", re.compile(r"^(io\.micrometer|org\.apache\.camel\.component\.micrometer|io\.sfntaskbridge\.ops)")),
    ("logging (log4j)", re.compile(r"^org\.apache\.logging")),
    ("keep-alive/settle", re.compile(r"^io\.sfntaskbridge\.worker\.(KeepAliveJobs|TaskKeepAlive|TaskMessages)")),
    ("AWS SDK marshalling/signing", re.compile(r"^software\.amazon\.awssdk\.(auth|http\.auth|protocols|core\.internal\.http\.pipeline\.stages\.(Signing|Marshall))")),
    ("HTTP client (apache)", re.compile(r"^(org\.apache\.http|software\.amazon\.awssdk\.http\.apache)")),
    ("JSON (jackson)", re.compile(r"^com\.fasterxml\.jackson")),
    ("YAML/route reload", re.compile(r"^(org\.snakeyaml|io\.sfntaskbridge\.reload)")),
]

def frames(e):
    st = e["values"].get("stackTrace") or {}
    return [f"{f['method']['type']['name']}.{f['method']['name']}".replace("/", ".")
            for f in st.get("frames", [])]

top, areas, ours, camel = (collections.Counter() for _ in range(4))
threads = collections.Counter()
n = 0
for e in events:
    thread = (e["values"].get("sampledThread") or {}).get("javaName") or "?"
    if thread_filter and thread_filter not in thread:
        continue
    fs = frames(e)
    if not fs:
        continue
    n += 1
    threads[re.sub(r"\d+", "N", re.sub(r"bench-work-[\w-]+", "<queue>", thread))] += 1
    top[fs[0]] += 1
    seen = set()
    for f in fs:
        for name, rx in AREAS:
            if rx.search(f) and name not in seen:
                seen.add(name); areas[name] += 1
    for f in set(fs):
        if f.startswith("io.sfntaskbridge"):
            ours[f] += 1
        elif f.startswith("org.apache.camel"):
            camel[f] += 1

def show(title, counter, k=15):
    print(f"\n{title}")
    for name, c in counter.most_common(k):
        print(f"  {100.0 * c / n:5.1f} %  {c:6d}  {name}")

print(f"{n} CPU samples in {rec}" + (f" (threads containing '{thread_filter}')" if thread_filter else ""))
show("by thread", threads, 10)
show("top frames (self)", top)
show("inclusive, by area", areas, 10)
show("inclusive, io.sfntaskbridge methods", ours)
show("inclusive, org.apache.camel methods", camel, 12)
