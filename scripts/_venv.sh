# Shared by scripts/run and scripts/test: make the virtual environment and install into it,
# again only when setup.cfg or constraints.txt changed, so a second run starts in seconds.
# Every package is pinned by constraints.txt (made by scripts/lock).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="${ARENA_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"

# ensure_venv NAME SPEC: install SPEC (e.g. "." or ".[test]"), remembered under NAME.
ensure_venv() {
  local name="$1" spec="$2" stamp="$VENV/.arena-installed-$1"
  if [ ! -x "$VENV/bin/python" ]; then
    echo "Creating the virtual environment in $VENV" >&2
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip >&2
  fi
  if [ ! -f "$stamp" ] || [ setup.cfg -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ] \
    || [ constraints.txt -nt "$stamp" ]; then
    echo "Installing Arena ($name) into $VENV" >&2
    "$VENV/bin/python" -m pip install -q -c constraints.txt -e "$spec" >&2
    touch "$stamp"
  fi
  compile_translations
}

# compile_translations: the .mo files from the committed .po catalogues (never committed),
# again only when a catalogue changed.
compile_translations() {
  local po
  for po in translations/*/LC_MESSAGES/messages.po; do
    if [ ! -f "${po%.po}.mo" ] || [ "$po" -nt "${po%.po}.mo" ]; then
      "$VENV/bin/pybabel" compile -d translations >&2
      return 0
    fi
  done
}

# ensure_debian_packages PKG...: install the Debian packages that are missing (as root, or
# with sudo). WeasyPrint, which draws the report's PDF, needs Pango from the system.
ensure_debian_packages() {
  local missing=() pkg sudo_cmd=""
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  echo "Installing Debian's ${missing[*]}" >&2
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >&2
}
PANGO_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0)
