#!/bin/sh
# Launcher installed as /usr/bin/timeline: the frozen application lives in /opt/timeline.
exec /opt/timeline/timeline "$@"
