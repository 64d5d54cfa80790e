#!/usr/bin/env bash
# make package-check: prove the .deb on a bare Debian 12 (debootstrap --variant=minbase).
#
#   packaging/linux/package_check.sh packaging/out/nibrs-desk_<version>_<arch>.deb
#
# 1. a bare Debian (cached in $CHECK_DIR/bookworm-minbase; each run works on a fresh copy)
# 2. install version N with apt (it brings the Depends), check every bundled library resolves
# 3. as an ordinary user: --version, selftest, selftest --gui (main window offscreen, screenshot),
#    a real start of the app for a few seconds; the install folder must not change
# 4. write that user's data with version N's service layer, build N+1 (bumped version and one
#    more migration), upgrade to it: the data is still there, migrated, backed up first
# 5. remove the package: the program is gone, the user's data is not
#
# Needs root (debootstrap, chroot). Results: packaging/out/check/ (summary.txt, logs, screenshots).
set -euo pipefail
shopt -s inherit_errexit  # a failure inside $(...) fails the script too

REPO=$(cd "$(dirname "$0")/../.." && pwd)
DEB=$(realpath "${1:?usage: package_check.sh PACKAGE.deb}")
PY=${PY:-$REPO/.venv/bin/python}
OUT=$REPO/packaging/out
RESULTS=$OUT/check
CHECK_DIR=${CHECK_DIR:-/var/tmp/nibrs-desk-check}
BASE=$CHECK_DIR/bookworm-minbase
ROOT=$CHECK_DIR/root
APT_CACHE=$CHECK_DIR/apt-archives
USER_NAME=deputy
USER_HOME=/home/$USER_NAME
DATA=$USER_HOME/.local/share/nibrs-desk

# Mounts (/proc in the bare Debian) live in a private mount namespace and vanish with this script.
if [ -z "${NIBRS_CHECK_NS:-}" ]; then
  [ "$(id -u)" = 0 ] || { echo "package-check: needs root (debootstrap, chroot)" >&2; exit 2; }
  exec unshare --mount --propagation private env NIBRS_CHECK_NS=1 "$0" "$@"
fi

START=$(date +%s)
mkdir -p "$RESULTS" "$CHECK_DIR" "$APT_CACHE"
rm -f "$RESULTS"/*
SUMMARY=$RESULTS/summary.txt
: > "$SUMMARY"

step_start=$START
step() {  # step NAME: print a heading, time the previous step
  local now; now=$(date +%s)
  printf '\n== %s\n' "$1"
  step_start=$now
}
note() { echo "$*"; echo "$*" >> "$SUMMARY"; }
fail() { echo "package-check: FAILED: $*" >&2; echo "FAILED: $*" >> "$SUMMARY"; exit 1; }
# Arithmetic only through calc: bash does not stop on an arithmetic error inside a command's arguments (nor in
# an assignment), even under set -e; in calc's own subshell the error fails the substitution, and so the script.
calc() {
  local expr=$1 r
  [[ $expr =~ ^[-+*/%()\ 0-9]+$ ]] || { echo "package-check: not a number in: $expr" >&2; exit 1; }
  r=$(( expr ))
  echo "$r"
}
took() { local s; s=$(calc "$(date +%s) - $step_start"); echo "$s s"; }

in_root() {
  chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
as_user() {  # an ordinary desktop user, no display: Qt offscreen
  chroot --userspec=$USER_NAME:$USER_NAME "$ROOT" /usr/bin/env -i HOME=$USER_HOME USER=$USER_NAME \
    PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 XDG_RUNTIME_DIR=/tmp/runtime-$USER_NAME \
    QT_QPA_PLATFORM=offscreen "$@"
}
manifest() {  # every file of the install folder with size, mode and modification time
  in_root find /opt/nibrs-desk -printf '%P %s %m %T@ %y\n' | sort
}
deb_field() { dpkg-deb -f "$1" "$2"; }

VERSION_N=$(deb_field "$DEB" Version)
echo "package-check: $(basename "$DEB") (version $VERSION_N)"

# ---------------------------------------------------------------------------------------------
step "bare Debian 12 (debootstrap --variant=minbase bookworm)"
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null
if [ ! -e "$BASE/.complete" ]; then
  rm -rf "$BASE.tmp"
  debootstrap --variant=minbase bookworm "$BASE.tmp" ${DEBIAN_MIRROR:-} > "$RESULTS/debootstrap.log" 2>&1 \
    || fail "debootstrap (see $RESULTS/debootstrap.log)"
  touch "$BASE.tmp/.complete"
  rm -rf "$BASE"
  mv "$BASE.tmp" "$BASE"
  made_took=$(took)
  echo "made $BASE ($made_took)"
else
  echo "cached: $BASE"
fi
rm -rf "$ROOT"
cp -a "$BASE" "$ROOT"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
mount -t proc proc "$ROOT/proc"
in_root useradd --create-home --shell /bin/bash $USER_NAME
in_root install -d -o $USER_NAME -g $USER_NAME -m 700 /tmp/runtime-$USER_NAME
mkdir -p "$ROOT/tmp/pkgs"
cp "$DEB" "$ROOT/tmp/pkgs/"
cp "$REPO/packaging/linux/check/libraries.sh" "$ROOT/tmp/libraries.sh"
find "$APT_CACHE" -name '*.deb' -exec cp {} "$ROOT/var/cache/apt/archives/" \;
in_root apt-get update -qq > "$RESULTS/apt-update.log" 2>&1 || fail "apt-get update in the bare Debian"
base_packages=$(in_root dpkg-query -W -f '.\n' | wc -l)
copy_took=$(took)
echo "fresh copy at $ROOT, $base_packages packages ($copy_took)"

# ---------------------------------------------------------------------------------------------
step "install $VERSION_N"
root_kib() { du -skx --exclude='*.deb' --exclude='*.bin' "$ROOT" | cut -f1; }  # -x: not /proc
before_kib=$(root_kib)
t0=$(date +%s)
in_root apt-get install -y --no-install-recommends "/tmp/pkgs/$(basename "$DEB")" > "$RESULTS/install.log" 2>&1 \
  || { tail -20 "$RESULTS/install.log"; fail "apt-get install of $(basename "$DEB")"; }
install_s=$(calc "$(date +%s) - $t0")
cp "$ROOT"/var/cache/apt/archives/*.deb "$APT_CACHE/" 2>/dev/null || true
after_kib=$(root_kib)
pkg_kib=$(in_root dpkg-query -W -f '${Installed-Size}' nibrs-desk)
opt_kib=$(du -sk "$ROOT/opt/nibrs-desk" | cut -f1)
deps=$(grep -c '^Setting up' "$RESULTS/install.log" || true)
for f in /usr/bin/nibrs-desk /usr/share/applications/org.nibrsdesk.NibrsDesk.desktop \
         /usr/share/icons/hicolor/scalable/apps/org.nibrsdesk.NibrsDesk.svg \
         /usr/share/metainfo/org.nibrsdesk.NibrsDesk.metainfo.xml /opt/nibrs-desk/nibrs-desk; do
  in_root test -e "$f" || fail "the package did not install $f"
done
deb_mib=$(calc "$(stat -c %s "$DEB") / 1024 / 1024")
pkg_mib=$(calc "$pkg_kib / 1024")
opt_mib=$(calc "$opt_kib / 1024")
added_mib=$(calc "($after_kib - $before_kib) / 1024")
other_deps=$(calc "$deps - 1")
note "package file:     $(basename "$DEB"), $deb_mib MiB"
note "installed size:   $pkg_mib MiB (dpkg Installed-Size $pkg_kib KiB; /opt/nibrs-desk $opt_mib MiB)"
note "with its Depends: $added_mib MiB added to a bare Debian 12 ($other_deps packages besides nibrs-desk)"
note "install time:     ${install_s} s (apt-get install, dependencies from the cache or the network)"

step "libraries of the bundle resolve in the bare Debian"
if ! in_root /tmp/libraries.sh > "$RESULTS/libraries.log"; then
  cat "$RESULTS/libraries.log"
  fail "unresolved libraries (see $RESULTS/libraries.log)"
fi
libraries=$(tail -1 "$RESULTS/libraries.log")
note "$libraries, all resolved"

manifest > "$RESULTS/manifest-before.txt"

# ---------------------------------------------------------------------------------------------
step "version $VERSION_N runs as an ordinary user"
got=$(as_user nibrs-desk --version)
want="NIBRS Desk $(PYTHONPATH=$REPO/packaging "$PY" -c 'import versions; print(versions.app_version())')"
[ "$got" = "$want" ] || fail "--version printed '$got', expected '$want'"
note "--version:        $got"

t0=$(date +%s%N)
as_user nibrs-desk selftest > "$RESULTS/selftest.log" 2>&1 || { cat "$RESULTS/selftest.log"; fail "selftest"; }
selftest_ms=$(calc "($(date +%s%N) - $t0) / 1000000")
cat "$RESULTS/selftest.log"
selftest_said=$(tail -1 "$RESULTS/selftest.log" | sed 's/^selftest: //')
note "selftest:         $selftest_said (${selftest_ms} ms, as user $USER_NAME)"

as_user nibrs-desk selftest --gui --screenshot /tmp/main-window.png > "$RESULTS/selftest-gui.log" 2>&1 \
  || { cat "$RESULTS/selftest-gui.log"; fail "selftest --gui"; }
cp "$ROOT/tmp/main-window.png" "$RESULTS/main-window.png"
gui_said=$(grep '^ok    gui' "$RESULTS/selftest-gui.log" | sed 's/^ok    gui *//') || fail "selftest --gui printed no gui line"
note "main window:      $gui_said"

# The real start: `nibrs-desk` with no arguments opens the app over the user's data folder.
set +e
as_user timeout 8 nibrs-desk > "$RESULTS/start.log" 2>&1
rc=$?
set -e
[ $rc = 124 ] || { cat "$RESULTS/start.log"; fail "the app did not keep running for 8 s (exit status $rc)"; }
! grep -q Traceback "$RESULTS/start.log" || { cat "$RESULTS/start.log"; fail "the app printed a traceback"; }
# A first start waits for the user to choose the passphrase: nothing is written before that.
[ ! -e "$ROOT$DATA/nibrs-desk.sqlite3" ] || fail "the first start wrote $DATA/nibrs-desk.sqlite3 before a passphrase was chosen"
note "app start:        ran 8 s offscreen until stopped, waiting on the first-start passphrase; no database written yet"

# With the passphrase given (as county IT may, in NIBRS_DESK_PASSPHRASE) the start makes the encrypted database.
START_DIR=$USER_HOME/start-check  # a folder: never $START, the script's start time
set +e
as_user NIBRS_DESK_DATA_DIR=$START_DIR NIBRS_DESK_PASSPHRASE=package-check-passphrase timeout 8 nibrs-desk \
  > "$RESULTS/start-passphrase.log" 2>&1
rc=$?
set -e
[ $rc = 124 ] || { cat "$RESULTS/start-passphrase.log"; fail "the app with a passphrase did not keep running for 8 s (exit status $rc)"; }
! grep -q Traceback "$RESULTS/start-passphrase.log" || { cat "$RESULTS/start-passphrase.log"; fail "the app printed a traceback"; }
[ -s "$ROOT$START_DIR/nibrs-desk.sqlite3" ] || fail "starting the app with a passphrase made no database in $START_DIR"
head -c 16 "$ROOT$START_DIR/nibrs-desk.sqlite3" | grep -q "SQLite format 3" \
  && fail "the database made at the first start is not encrypted (it starts 'SQLite format 3')"
db_bytes=$(stat -c %s "$ROOT$START_DIR/nibrs-desk.sqlite3")
note "app start:        with NIBRS_DESK_PASSPHRASE, created $START_DIR/nibrs-desk.sqlite3, encrypted ($db_bytes bytes)"
rm -rf "$ROOT$START_DIR"

# ---------------------------------------------------------------------------------------------
step "the user's data, written with version $VERSION_N's service layer"
"$PY" "$REPO/packaging/linux/check/seed_data.py" "$ROOT$DATA" "$RESULTS/seed.json"
chown -R --reference="$ROOT$USER_HOME" "$ROOT$DATA"
as_user nibrs-desk selftest --gui --data-dir $DATA --screenshot /tmp/main-window-with-data.png \
  > "$RESULTS/selftest-data-n.log" 2>&1 \
  || { cat "$RESULTS/selftest-data-n.log"; fail "version $VERSION_N does not open the user's data"; }
grep '^ok    gui' "$RESULTS/selftest-data-n.log"
cp "$ROOT/tmp/main-window-with-data.png" "$RESULTS/"
grep -q "agency MO0950000, 4 reports listed" "$RESULTS/selftest-data-n.log" \
  || fail "version $VERSION_N's main window does not list the user's 4 reports"

step "nothing was written into the install folder"
in_root nibrs-desk selftest > /dev/null 2>&1 || fail "selftest as root"  # root could write there: it must not
manifest > "$RESULTS/manifest-after.txt"
diff -u "$RESULTS/manifest-before.txt" "$RESULTS/manifest-after.txt" > "$RESULTS/manifest.diff" \
  || { head -20 "$RESULTS/manifest.diff"; fail "the app changed files under /opt/nibrs-desk"; }
compared=$(wc -l < "$RESULTS/manifest-after.txt")
note "install folder:   unchanged after every run above ($compared entries compared)"

# ---------------------------------------------------------------------------------------------
step "upgrade to N+1 (bumped version, one more migration)"
t0=$(date +%s)
"$PY" "$REPO/packaging/linux/check/make_upgrade.py" "$OUT/upgrade" > "$RESULTS/upgrade-build.json" 2> "$RESULTS/upgrade-build.log" \
  || { tail -20 "$RESULTS/upgrade-build.log"; fail "building version N+1"; }
up() { "$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$RESULTS/upgrade-build.json" "$1"; }
DEB_UP=$(up deb)
VERSION_UP=$(deb_field "$DEB_UP" Version)
built_s=$(calc "$(date +%s) - $t0")
echo "built $(basename "$DEB_UP") in $built_s s"
dpkg --compare-versions "$VERSION_UP" gt "$VERSION_N" || fail "$VERSION_UP is not newer than $VERSION_N"
cp "$DEB_UP" "$ROOT/tmp/pkgs/"
in_root apt-get install -y --no-install-recommends "/tmp/pkgs/$(basename "$DEB_UP")" > "$RESULTS/upgrade.log" 2>&1 \
  || { tail -20 "$RESULTS/upgrade.log"; fail "apt-get install of $(basename "$DEB_UP")"; }
[ "$(in_root dpkg-query -W -f '${Version}' nibrs-desk)" = "$VERSION_UP" ] || fail "dpkg does not show $VERSION_UP installed"
[ "$(as_user nibrs-desk --version)" = "NIBRS Desk $(up version)" ] || fail "--version after the upgrade"
as_user nibrs-desk selftest > "$RESULTS/selftest-up.log" 2>&1 || { cat "$RESULTS/selftest-up.log"; fail "selftest of N+1"; }
as_user nibrs-desk selftest --gui --data-dir $DATA > "$RESULTS/selftest-data-up.log" 2>&1 \
  || { cat "$RESULTS/selftest-data-up.log"; fail "version $VERSION_UP does not open the user's data"; }
grep -q "agency MO0950000, 4 reports listed" "$RESULTS/selftest-data-up.log" \
  || fail "after the upgrade the main window does not list the user's 4 reports"
"$PY" "$REPO/packaging/linux/check/verify_data.py" "$ROOT$DATA" "$RESULTS/seed.json" "$(up revision)" "$(up table)" \
  | tee "$RESULTS/verify.log" || fail "the user's data after the upgrade"
kept=$(sed 's/^user data kept: //' "$RESULTS/verify.log")
note "upgrade:          $VERSION_N -> $VERSION_UP: $kept"

# ---------------------------------------------------------------------------------------------
step "remove"
in_root apt-get remove -y nibrs-desk > "$RESULTS/remove.log" 2>&1 || fail "apt-get remove nibrs-desk"
for f in /opt/nibrs-desk /usr/bin/nibrs-desk /usr/share/applications/org.nibrsdesk.NibrsDesk.desktop \
         /usr/share/metainfo/org.nibrsdesk.NibrsDesk.metainfo.xml; do
  ! in_root test -e "$f" || fail "$f is still there after apt-get remove"
done
[ -s "$ROOT$DATA/nibrs-desk.sqlite3" ] || fail "removing the package removed the user's data"
note "remove:           program, launcher, menu entry and metadata gone; the user's data kept"

total_s=$(calc "$(date +%s) - $START")
note "total time:       $total_s s"
echo
echo "package-check: passed. Summary in $SUMMARY:"
cat "$SUMMARY"
