#!/usr/bin/env bash
# Build the Linux one-dir program (dist/linux/Jixiao/: Jixiao + jixiao-cli) with packaging/jixiao.spec
# and, with --smoke, run the frozen programs offscreen and print PASS/FAIL with sizes and times.
#
#   bash packaging/build-linux.sh [--smoke] [--onefile] [--no-archive]
#
# Uses the repository's .venv (created with the pinned constraints if missing), so it works on a
# fresh clone; .ci/run calls it with --smoke after the test suite. Quiet on success: the build log
# goes to build/linux/build.log and is shown only when something fails. Exit status 1 on FAIL.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SMOKE=0 ONEFILE=0 ARCHIVE=1
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    --onefile) ONEFILE=1 ;;
    --no-archive) ARCHIVE=0 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' src/jixiao/__init__.py)
PY=.venv/bin/python
DIST=dist/linux WORKDIR=build/linux
[ "$ONEFILE" = 1 ] && DIST=dist/linux-onefile WORKDIR=build/linux-onefile
mkdir -p "$WORKDIR"
LOG=$WORKDIR/build.log

# ---- 1. the venv: pinned runtime + test deps, and PyInstaller at the pinned version -------------
if [ ! -x "$PY" ]; then
  python3 -m venv .venv
  .venv/bin/pip install -q -c constraints.txt -e ".[test]"
fi
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  .venv/bin/pip install -qq -c constraints.txt pyinstaller
fi

# seconds since a `date +%s.%N` stamp, with N decimals (awk: no bc on minimal machines)
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" -v n="$2" 'BEGIN { printf "%.*f", n, b - a }'; }

# ---- 2. build ------------------------------------------------------------------------------------
t0=$(date +%s.%N)
rm -rf "${DIST:?}/Jixiao" "${DIST:?}/jixiao-cli"
if ! JIXIAO_ONEFILE=$ONEFILE "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
      --distpath "$DIST" --workpath "$WORKDIR" packaging/jixiao.spec >"$LOG" 2>&1; then
  tail -40 "$LOG"
  echo "FAIL: PyInstaller build (full log: $LOG)"
  exit 1
fi
BUILD_S=$(elapsed "$t0" 0)

if [ "$ONEFILE" = 1 ]; then
  APPDIR=$DIST; GUI=$DIST/Jixiao; CLI=$DIST/jixiao-cli
  SIZE_MB=$(du -sb "$GUI" "$CLI" | awk '{s+=$1} END {printf "%.1f MiB = %.1f MB", s/1048576, s/1e6}')
else
  APPDIR=$DIST/Jixiao; GUI=$APPDIR/Jixiao; CLI=$APPDIR/jixiao-cli
  SIZE_MB=$(du -sb "$APPDIR" | awk '{printf "%.1f MiB = %.1f MB", $1/1048576, $1/1e6}')
fi
ARCHIVE_NOTE=""
if [ "$ARCHIVE" = 1 ] && [ "$ONEFILE" = 0 ]; then
  TARBALL=dist/jixiao-$VERSION-linux-x86_64.tar.gz
  tar -C "$DIST" -czf "$TARBALL" Jixiao
  ARCHIVE_NOTE=", $(du -sb "$TARBALL" | awk '{printf "%.1f MiB = %.1f MB", $1/1048576, $1/1e6}') as $TARBALL"
fi
echo "built $APPDIR in $BUILD_S s: $SIZE_MB $([ "$ONEFILE" = 1 ] && echo "for both one-file programs" || echo unpacked)$ARCHIVE_NOTE (goals ≤ 120 MB, ≤ 60 MB packed)"
# The oldest Linux the bundle runs on is set by the newest glibc symbol any bundled file needs
# (the PySide6 wheels alone need 2.34; libraries copied from the build machine may need more).
if command -v objdump >/dev/null; then
  GLIBC=$(find "$APPDIR" -type f \( -name '*.so*' -o -name Jixiao -o -name jixiao-cli \) -print0 \
          | xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_2\.[0-9]*' | sort -t. -k2 -n -u | tail -1 || true)
  echo "runs on Linux x86_64 with glibc ≥ ${GLIBC#GLIBC_} (this machine: $(ldd --version | head -1 | awk '{print $NF}'))"
fi
[ "$SMOKE" = 1 ] || exit 0

# ---- 3. smoke test of the frozen programs (offscreen, hard timeouts, throwaway profile) ---------
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export QT_QPA_PLATFORM=offscreen JIXIAO_TEST=1
export XDG_DATA_HOME=$TMP/data XDG_CONFIG_HOME=$TMP/config XDG_STATE_HOME=$TMP/state XDG_CACHE_HOME=$TMP/cache
FAILS=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
# run NAME TIMEOUT CMD...: output to $TMP/NAME.out, seconds in $SECS, status in $RC
run() {
  local name=$1 limit=$2; shift 2
  local s; s=$(date +%s.%N)
  RC=0; timeout -s KILL "$limit" "$@" >"$TMP/$name.out" 2>&1 </dev/null || RC=$?
  SECS=$(elapsed "$s" 2)
}
show() { sed 's/^/    /' "$TMP/$1.out" | tail -20; }

run bundle 60 "$CLI" --bundle-check
if [ "$RC" = 0 ]; then pass "jixiao-cli --bundle-check (resources, font, qtbase_zh_CN)"; else fail "jixiao-cli --bundle-check (rc=$RC)"; show bundle; fi

if grep -q smoke-test src/jixiao/app.py 2>/dev/null; then
  # Each twice, the faster run counts: the first pays for cold disk caches (and .pyc writing).
  SHOTS=artifacts/linux-smoke  # packaging/entry_gui.py saves the painted tabs there
  rm -rf "$SHOTS"; mkdir -p "$SHOTS"
  JIXIAO_SMOKE_SHOTS=$ROOT/$SHOTS run gui 120 "$GUI" -platform offscreen --smoke-test
  GUI_RC=$RC GUI_S=$SECS
  if [ "$GUI_RC" = 0 ]; then
    run gui 120 "$GUI" -platform offscreen --smoke-test
    GUI_RC=$RC GUI_S=$(awk -v a="$GUI_S" -v b="$SECS" 'BEGIN { printf "%.2f", (a < b ? a : b) }')
  fi
  run gui-src 120 "$PY" -m jixiao -platform offscreen --smoke-test
  SRC_RC=$RC SRC_S=$SECS
  run gui-src 120 "$PY" -m jixiao -platform offscreen --smoke-test
  SRC_S=$(awk -v a="$SRC_S" -v b="$SECS" 'BEGIN { printf "%.2f", (a < b ? a : b) }')
  RATIO=$(awk -v f="$GUI_S" -v s="$SRC_S" 'BEGIN { printf "%.2f", (s > 0 ? f / s : 0) }')
  GOAL=$(awk -v r="$RATIO" 'BEGIN { print (r <= 2 ? "met" : "NOT met") }')
  if [ "$GUI_RC" = 0 ]; then
    pass "Jixiao --smoke-test: frozen $GUI_S s vs source $SRC_S s (rc=$SRC_RC) = ${RATIO}× (goal ≤ 2×: $GOAL) $(grep -o 'SMOKE-OK.*' "$TMP/gui.out" | head -1)"
  else
    fail "Jixiao -platform offscreen --smoke-test (rc=$GUI_RC, $GUI_S s)"; show gui
  fi
else
  echo "SKIP: Jixiao --smoke-test (src/jixiao/app.py has no --smoke-test yet)"
fi

X=$TMP/X.jixiao
run init 60 "$CLI" init --sample nanjing-2021 "$X"
INIT_S=$SECS
if [ "$RC" = 0 ] && [ -f "$X" ]; then
  run score 60 "$CLI" score "$X" --json
  TOTAL=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1], encoding="utf-8"))["total"])' "$TMP/score.out" 2>/dev/null || echo "?")
  if [ "$RC" = 0 ] && [ "$TOTAL" = "90.23" ]; then
    pass "jixiao-cli init --sample nanjing-2021 ($INIT_S s) + score --json: total $TOTAL ($SECS s)"
  else
    fail "jixiao-cli score --json: rc=$RC total=$TOTAL (want 90.23)"; show score
  fi
else
  fail "jixiao-cli init --sample nanjing-2021 (rc=$RC)"; show init
fi

if timeout -s KILL 60 "$CLI" export-pdf --help >/dev/null 2>&1; then
  run pdf 120 "$CLI" export-pdf "$X" --out "$TMP/X.pdf"
  PDF_S=$SECS
  if ! command -v pdftoppm >/dev/null; then  # .ci/run installs poppler-utils; if that failed:
    RENDERED="not rendered (no pdftoppm)"
    pdftext() { "$PY" -c 'import sys, pypdf; print("".join(p.extract_text() for p in pypdf.PdfReader(sys.argv[1]).pages))' "$1"; }
  else
    RENDERED="renders"
    pdftext() { pdftotext -enc UTF-8 "$1" -; }
  fi
  if [ "$RC" = 0 ] && [ -s "$TMP/X.pdf" ] && { [ "$RENDERED" != renders ] || { pdftoppm -r 50 -png -f 1 -l 1 \
      "$TMP/X.pdf" "$TMP/page" 2>"$TMP/render.out" && ls "$TMP"/page*.png >/dev/null 2>&1; }; }; then
    # Chinese text must be real text in an embedded font, not tofu or missing glyphs.
    if pdftext "$TMP/X.pdf" 2>/dev/null | "$PY" -c 'import re, sys; t = sys.stdin.buffer.read().decode("utf-8", "replace"); sys.exit(0 if re.search("[\u4e00-\u9fff]", t) and "90.23" in t else 1)'; then
      pass "jixiao-cli export-pdf: $(du -k "$TMP/X.pdf" | cut -f1) KB, $RENDERED, Chinese text ($PDF_S s)"
    else
      fail "jixiao-cli export-pdf: no Chinese text or no total 90.23 in the PDF"
    fi
  else
    fail "jixiao-cli export-pdf (rc=$RC)"; show pdf
  fi
  # Sign with a throwaway certificate and verify: pyHanko + cryptography work when frozen.
  if timeout -s KILL 60 "$CLI" verify-pdf --help >/dev/null 2>&1 && command -v openssl >/dev/null \
     && (cd "$TMP" && openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 7 \
         -subj "/CN=Jixiao smoke test" && openssl pkcs12 -export -inkey key.pem -in cert.pem -out signer.p12 \
         -passout pass:smoke-123 && echo smoke-123 > password.txt) >/dev/null 2>&1; then
    run sign 120 "$CLI" export-pdf "$X" --out "$TMP/S.pdf" --sign "$TMP/signer.p12" --password-file "$TMP/password.txt"
    SIGN_RC=$RC SIGN_S=$SECS
    run verify 60 "$CLI" verify-pdf "$TMP/S.pdf"
    if [ "$SIGN_RC" = 0 ] && [ "$RC" = 0 ] && grep -q "未被修改" "$TMP/verify.out"; then
      pass "jixiao-cli export-pdf --sign + verify-pdf: signed ($SIGN_S s), intact ($SECS s)"
    else
      fail "jixiao-cli export-pdf --sign / verify-pdf (rc=$SIGN_RC/$RC)"; show sign; show verify
    fi
  fi
  # Sign on a SoftHSM2 token (a software UKey): python-pkcs11 is in the bundle and works.
  P11=$(ls /usr/lib/softhsm/libsofthsm2.so /usr/lib/*-linux-gnu/softhsm/libsofthsm2.so 2>/dev/null | head -1)
  if [ -n "$P11" ] && command -v softhsm2-util >/dev/null && command -v pkcs11-tool >/dev/null \
     && [ -f "$TMP/key.pem" ] && (cd "$TMP" && mkdir -p tokens \
         && printf 'directories.tokendir = %s\nobjectstore.backend = file\n' "$TMP/tokens" > softhsm2.conf \
         && export SOFTHSM2_CONF=$TMP/softhsm2.conf \
         && softhsm2-util --init-token --free --label smoke --pin 1234 --so-pin 87654321 \
         && openssl pkcs8 -topk8 -nocrypt -in key.pem -outform DER -out key.der \
         && openssl x509 -in cert.pem -outform DER -out cert.der \
         && pkcs11-tool --module "$P11" --token-label smoke --login --pin 1234 \
              --write-object key.der --type privkey --id 01 --label signer --usage-sign \
         && pkcs11-tool --module "$P11" --token-label smoke --login --pin 1234 \
              --write-object cert.der --type cert --id 01 --label signer \
         && echo 1234 > pin.txt) >/dev/null 2>&1; then
    run ukey 120 env SOFTHSM2_CONF="$TMP/softhsm2.conf" "$CLI" export-pdf "$X" --out "$TMP/U.pdf" \
      --pkcs11-module "$P11" --token smoke --key-label signer --pin-file "$TMP/pin.txt"
    UKEY_RC=$RC UKEY_S=$SECS
    run uverify 60 "$CLI" verify-pdf "$TMP/U.pdf"
    if [ "$UKEY_RC" = 0 ] && [ "$RC" = 0 ] && grep -q "未被修改" "$TMP/uverify.out"; then
      pass "jixiao-cli export-pdf --pkcs11-module (SoftHSM2 UKey) + verify-pdf: signed ($UKEY_S s), intact"
    else
      fail "jixiao-cli export-pdf --pkcs11-module (rc=$UKEY_RC/$RC)"; show ukey; show uverify
    fi
  else
    echo "SKIP: UKey (PKCS#11) smoke: softhsm2/opensc not installed"
  fi
else
  echo "SKIP: jixiao-cli export-pdf (command not there yet)"
fi

if [ "$FAILS" = 0 ]; then
  echo "PASS: Linux frozen smoke test ($APPDIR, $SIZE_MB)"
else
  echo "FAIL: Linux frozen smoke test: $FAILS check(s) failed (build log: $LOG)"
  exit 1
fi
