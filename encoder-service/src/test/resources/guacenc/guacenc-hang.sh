#!/usr/bin/env bash
# guacenc that never finishes: starts a child (the process tree the time-out must kill), writes
# the child's pid to the marker file and waits.
sleep 600 &
echo "$!" > "@MARKER_DIR@/guacenc-hang.pid"
wait
