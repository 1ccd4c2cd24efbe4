#!/bin/sh
# idle.sh BINARY SECONDS RUNS [clock] — the CPU a convene binary uses, over
# every thread, with the demo open in tmux at 120×40 on Agenda: RUNS runs of
# SECONDS each, each in a fresh tmux server and a fresh demo. With "clock",
# space is pressed on the first agenda item first, so a clock runs.
#
#   go build -o /tmp/convene-x . && scripts/idle.sh /tmp/convene-x 60 3
#   scripts/idle.sh /tmp/convene-x 60 3 clock
#
# Each line is scripts/cpu.sh's: stat ticks and schedstat ns, both summed
# over all threads.
set -eu

if [ $# -lt 3 ]; then
	echo "usage: $0 BINARY SECONDS RUNS [clock]" >&2
	exit 2
fi
bin=$1 secs=$2 runs=$3 clock=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
sock=convene-idle-$$
trap 'tmux -L "$sock" kill-server 2>/dev/null || true' EXIT INT TERM

i=1
while [ "$i" -le "$runs" ]; do
	tmux -L "$sock" new-session -d -s idle -x 120 -y 40 "$bin --demo"
	sleep 3 # start-up and its first frames
	pid=$(tmux -L "$sock" display -p -t idle '#{pane_pid}')
	if [ "$clock" = clock ]; then
		tmux -L "$sock" send-keys -t idle 1 space
		sleep 2
		tmux -L "$sock" capture-pane -p -t idle | grep -q running ||
			echo "idle.sh: no clock seems to run" >&2
	fi
	printf 'run %d %s: ' "$i" "${clock:-idle}"
	"$here/cpu.sh" "$pid" "$secs"
	tmux -L "$sock" kill-server 2>/dev/null || true
	i=$((i + 1))
done
