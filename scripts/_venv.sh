# Shared by scripts/run and scripts/test: make the virtual environment and install into it,
# again only when setup.cfg changed, so a second run starts in seconds.
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
  if [ ! -f "$stamp" ] || [ setup.cfg -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "Installing Arena ($name) into $VENV" >&2
    "$VENV/bin/python" -m pip install -q -e "$spec" >&2
    touch "$stamp"
  fi
}
