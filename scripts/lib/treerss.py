#!/usr/bin/env python3
"""Runs a command and measures it with its whole process tree (used by the benchmark scripts).

    treerss.py OUT-FILE CMD [ARGS...]

Every 50 ms it reads /proc: the resident set (VmRSS) of the command and of all its descendants,
summed, so a JVM and the ffmpeg it runs count together (GNU time's "maximum resident set size" is
that of the largest single process). When the command ends it writes one line to OUT-FILE:

    wall_s cpu_s peak_tree_kb peak_java_kb peak_ffmpeg_kb peak_guacenc_kb ffmpeg_cpu_s

cpu_s is user+sys of the command and every descendant it reaped (getrusage RUSAGE_CHILDREN);
peak_<name>_kb is the largest sum over processes with that name in one sample; ffmpeg_cpu_s is
the CPU time ffmpeg processes had used when last sampled (up to 50 ms short). Exit code: the
command's own.
"""
import os
import resource
import subprocess
import sys
import time

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
TICKS = os.sysconf("SC_CLK_TCK")


def processes():
    """pid -> (ppid, comm, rss_kb, cpu_ticks) for every process readable now."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        close = stat.rfind(")")
        comm = stat[stat.find("(") + 1:close]
        fields = stat[close + 2:].split()
        # fields[0] is state (field 3); ppid is field 4, utime 14, stime 15, rss 24.
        table[int(entry)] = (int(fields[1]), comm, int(fields[21]) * PAGE_KB,
                             int(fields[11]) + int(fields[12]))
    return table


def tree(root, table):
    children = {}
    for pid, (ppid, *_rest) in table.items():
        children.setdefault(ppid, []).append(pid)
    todo, found = [root], []
    while todo:
        pid = todo.pop()
        if pid in table:
            found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, cmd = sys.argv[1], sys.argv[2:]
    start = time.monotonic()
    child = subprocess.Popen(cmd)
    peak = {"tree": 0, "java": 0, "ffmpeg": 0, "guacenc": 0}
    ffmpeg_ticks = {}
    while child.poll() is None:
        table = processes()
        sums = {"tree": 0, "java": 0, "ffmpeg": 0, "guacenc": 0}
        for pid in tree(child.pid, table):
            _, comm, rss, ticks = table[pid]
            sums["tree"] += rss
            if comm in sums:
                sums[comm] += rss
            if comm == "ffmpeg":
                ffmpeg_ticks[pid] = ticks
        for key, value in sums.items():
            peak[key] = max(peak[key], value)
        time.sleep(0.05)
    wall = time.monotonic() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out, "w") as f:
        f.write("%.2f %.2f %d %d %d %d %.2f\n" % (
            wall, usage.ru_utime + usage.ru_stime, peak["tree"], peak["java"], peak["ffmpeg"],
            peak["guacenc"], sum(ffmpeg_ticks.values()) / TICKS))
    sys.exit(child.returncode)


if __name__ == "__main__":
    main()
