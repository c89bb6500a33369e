#!/bin/sh
# Installs promtool (Debian package `prometheus`) when it is missing; the metrics spec runs it.
set -e
if command -v promtool >/dev/null 2>&1; then exit 0; fi
apt-get update -qq && apt-get install -y -qq prometheus >/dev/null
command -v promtool
