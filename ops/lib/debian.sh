# shellcheck shell=bash
# Debian packages the service and its tests need besides PostgreSQL (ops/lib/postgres.sh installs that).
# Sourced, not executed.
#
#   ledger_debian_ensure PATH PACKAGE [PATH PACKAGE ...]
#       for each pair: when PATH does not exist, install PACKAGE with apt-get (as root), or say how to
#
# What needs what:
#   fonts-dejavu-core  /usr/share/fonts/truetype/dejavu: the fonts of PDF reports (ops/run, ops/test)
#   poppler-utils      pdftotext, pdftoppm, pdfdetach: the tests read reports back as a person would (ops/test)

ledger_debian_ensure() {
  local missing=() path package
  while (($# >= 2)); do
    path=$1 package=$2
    shift 2
    [[ -e $path ]] || missing+=("$package")
  done
  ((${#missing[@]} == 0)) && return 0
  if [[ ${EUID:-$(id -u)} -ne 0 ]]; then
    printf '[debian] ERROR: missing %s; run as root once, or: sudo apt-get install -y %s\n' "${missing[*]}" "${missing[*]}" >&2
    return 1
  fi
  printf '[debian] installing %s from Debian'"'"'s packages\n' "${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y "${missing[@]}" || { apt-get update && apt-get install -y "${missing[@]}"; }
}
