#!/bin/sh
# cpu.sh PID SECONDS — the CPU time a running process uses over SECONDS,
# summed over every thread (Linux /proc). Prints one line, for example:
#
#   pid 4242 over 60 s: 30 ms (stat, 10 ms ticks) · 31.87 ms (schedstat) · 76 wakeups · 8 threads
#
# stat      = fields 14+15 (utime+stime) of /proc/PID/stat: the whole process,
#             exited threads included, in clock ticks (getconf CLK_TCK, 10 ms).
# schedstat = the first field (ns on the CPU) of /proc/PID/task/*/schedstat,
#             summed over the threads alive at each reading: nanosecond
#             precision (a thread that exits in between is missed; Go rarely
#             ends threads).
# wakeups   = voluntary context switches summed over the threads: how often
#             the process went to sleep and was woken again.
#
# /proc/PID/schedstat alone is the main thread only: do not use it for a Go
# program, whose work runs on several threads.
set -eu

if [ $# -ne 2 ]; then
	echo "usage: $0 PID SECONDS" >&2
	exit 2
fi
pid=$1 secs=$2
[ -r "/proc/$pid/stat" ] || { echo "cpu.sh: no process $pid" >&2; exit 1; }

# ticks: utime+stime; the command name (field 2) may hold spaces, so count
# fields after its closing parenthesis (field 3 is the first after it).
ticks() { sed 's/^.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }'; }
# schedstat: ns on the CPU over all live threads.
nsecs() { cat /proc/"$pid"/task/*/schedstat 2>/dev/null | awk '{ s += $1 } END { printf "%d\n", s }'; }
# wakeups: voluntary context switches over all live threads.
wakes() { cat /proc/"$pid"/task/*/status 2>/dev/null | awk '/^voluntary_ctxt_switches/ { s += $2 } END { printf "%d\n", s }'; }

hz=$(getconf CLK_TCK)
t0=$(ticks) n0=$(nsecs) w0=$(wakes)
sleep "$secs"
[ -r "/proc/$pid/stat" ] || { echo "cpu.sh: process $pid ended during the measurement" >&2; exit 1; }
t1=$(ticks) n1=$(nsecs) w1=$(wakes)
threads=$(ls "/proc/$pid/task" | wc -l)

awk -v pid="$pid" -v s="$secs" -v t="$((t1 - t0))" -v hz="$hz" -v n="$((n1 - n0))" -v w="$((w1 - w0))" -v th="$threads" 'BEGIN {
	printf "pid %s over %s s: %d ms (stat, %d ms ticks) · %.2f ms (schedstat) · %d wakeups · %d threads\n",
		pid, s, t * 1000 / hz, 1000 / hz, n / 1e6, w, th
}'
