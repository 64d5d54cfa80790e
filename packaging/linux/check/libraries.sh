#!/bin/bash
# Run inside the bare Debian: every ELF file under /opt/nibrs-desk must find all its libraries,
# the bundle's own (as the PyInstaller bootloader sets them up) or the system's.
# Prints one line per unresolved library; exit status 1 if there is any.
set -u
I=/opt/nibrs-desk/_internal
export LD_LIBRARY_PATH=$I:$I/PySide6/Qt/lib
missing=0
checked=0
while IFS= read -r -d '' f; do
  [ "$(od -An -c -N4 "$f" | tr -d ' ')" = '177ELF' ] || continue
  checked=$((checked + 1))
  out=$(ldd "$f" 2>&1 | grep "not found")
  if [ -n "$out" ]; then
    echo "$f:" $out
    missing=1
  fi
done < <(find /opt/nibrs-desk -type f -print0)
echo "libraries: $checked ELF files checked"
exit $missing
