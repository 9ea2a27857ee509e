"""Judge the project's virtual environment before `make` trusts it.

Why this exists: a first `make book` with the wrong Python (python3 being 3.12, say, while
pyproject.toml says requires-python >=3.11,<3.12) failed, as it should, but left a .venv
made by that Python behind; every later `make`, even with a 3.11, reused it and failed
again, with no hint that .venv had to be removed. So the Makefile runs this script on
every `make` (an always-run prerequisite of the .venv/.installed stamp) and again first in
the stamp's recipe:

* a venv that cannot be trusted is removed with a one-line message, so that the rule
  rebuilds it: one made by a Python outside requires-python, a half-made one (no
  pyvenv.cfg, or no .installed stamp: its install never finished) and a broken one (its
  bin/python or the base interpreter it points at is gone);
* when a venv has to be made, the interpreter running this script, $(PYTHON), must itself
  satisfy requires-python: if it does not, nothing is touched and the script stops at once,
  saying which Python it found and how to point PYTHON= at a suitable one. A good venv is
  used whatever $(PYTHON) is, so that one `make install PYTHON=python3.11` is enough.

It must be cheap, since it runs on every `make book`: it reads pyvenv.cfg and
pyproject.toml and starts no interpreter. It must also run on the wrong Python, to say so,
hence the standard library only, no f-strings and no tomllib (3.11+): requires-python is
read with a regular expression. It never removes a directory that does not look like a
virtual environment (VENV= may be pointed anywhere).

Usage: python tools/venv_check.py [--python-name NAME] [VENV]
  With VENV: exit 0 when VENV is fine or absent (removed if it was stale), 1 when it must
  be (re)made and this interpreter is the wrong one, 2 when VENV is not a venv.
  Without VENV: only check this interpreter (used by `make lock`).
"""

import glob
import os
import re
import shutil
import sys

STAMP = ".installed"
PYPROJECT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                         "pyproject.toml")
# What `python -m venv` (3.11 to 3.13) puts in a venv, plus the Makefile's stamp: a
# directory holding only these, without pyvenv.cfg, is a venv whose creation was cut short.
VENV_ENTRIES = {"bin", "include", "lib", "lib64", "share", "pyvenv.cfg", ".gitignore", STAMP}

_CLAUSE = re.compile(r"^\s*(~=|===|==|!=|<=|>=|<|>)\s*([0-9]+(?:\.[0-9]+)*)(\.\*)?\s*$")


def requires_python(pyproject=PYPROJECT):
    """The requires-python specifier of pyproject.toml, e.g. '>=3.11,<3.12'."""
    with open(pyproject) as handle:
        text = handle.read()
    match = re.search(r"""^\s*requires-python\s*=\s*["']([^"']+)["']""", text, re.MULTILINE)
    if match is None:
        raise ValueError("no requires-python in " + pyproject)
    return match.group(1)


def _release(text):
    return tuple(int(part) for part in text.split("."))


def _pad(left, right):
    width = max(len(left), len(right))
    return left + (0,) * (width - len(left)), right + (0,) * (width - len(right))


def satisfies(version, specifier):
    """Whether a release tuple such as (3, 11, 7) satisfies a PEP 440 specifier.

    Only the clauses a requires-python uses are understood (a release, optionally with
    '.*'; no pre-release or local parts): that is all this needs, without `packaging`.
    """
    version = tuple(version)
    for clause in specifier.split(","):
        if not clause.strip():
            continue
        match = _CLAUSE.match(clause)
        if match is None:
            raise ValueError("cannot read the requires-python clause " + repr(clause))
        operator, wanted, wildcard = match.group(1), _release(match.group(2)), match.group(3)
        if wildcard:
            prefix = version[:len(wanted)] == wanted
            ok = prefix if operator == "==" else not prefix if operator == "!=" else None
            if ok is None:
                raise ValueError("cannot read the requires-python clause " + repr(clause))
        elif operator == "~=":
            low, high = _pad(version, wanted)
            ok = low >= high and version[:len(wanted) - 1] == wanted[:-1]
        else:
            mine, theirs = _pad(version, wanted)
            ok = {"==": mine == theirs, "===": mine == theirs, "!=": mine != theirs,
                  "<=": mine <= theirs, ">=": mine >= theirs, "<": mine < theirs,
                  ">": mine > theirs}[operator]
        if not ok:
            return False
    return True


def read_pyvenv_cfg(venv):
    """The key = value lines of VENV/pyvenv.cfg as a dict, or None if it is missing."""
    path = os.path.join(venv, "pyvenv.cfg")
    if not os.path.isfile(path):
        return None
    with open(path) as handle:
        lines = handle.read().splitlines()
    config = {}
    for line in lines:
        key, sep, value = line.partition("=")
        if sep:
            config[key.strip().lower()] = value.strip()
    return config


def venv_problem(venv, specifier):
    """Why VENV cannot be trusted (a short phrase), or None if it is fine.

    Fine means: pyvenv.cfg names a Python that satisfies the specifier, bin/python (and so
    the base interpreter it links to) exists, and the .installed stamp shows that the
    install finished. Only files are read: the venv's Python is not started.
    """
    config = read_pyvenv_cfg(venv)
    if config is None:
        return "is half-made (it has no pyvenv.cfg)"
    # `python -m venv` writes 'version', virtualenv 'version_info' (3.11.7.final.0).
    found = re.match(r"\d+(?:\.\d+)*", config.get("version") or config.get("version_info") or "")
    if found is None:
        return "has no Python version in its pyvenv.cfg"
    if not satisfies(_release(found.group(0)), specifier):
        return "was made by Python " + found.group(0) + ", outside requires-python " + specifier
    home = config.get("home")
    if home and not os.path.isdir(home):
        return "is broken (its base Python, " + home + ", is gone)"
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        return "is broken (its bin/python is missing or points at nothing)"
    # A venv made by one Python and then by another over it (what the old Makefile did)
    # has the second one's pyvenv.cfg but still the first one's bin/python.
    linked = re.search(r"python(\d+\.\d+)$", os.path.realpath(python))
    if linked and linked.group(1) != ".".join(found.group(0).split(".")[:2]):
        return ("is broken (its bin/python is Python " + linked.group(1) + ", its pyvenv.cfg"
                " says " + found.group(0) + ")")
    if not os.path.exists(os.path.join(venv, STAMP)):
        return "is half-made (its install never finished: no " + STAMP + " stamp)"
    return None


def looks_like_venv(venv):
    """Whether VENV may be removed: it has a pyvenv.cfg, or holds only what venv makes."""
    return (os.path.isfile(os.path.join(venv, "pyvenv.cfg"))
            or set(os.listdir(venv)) <= VENV_ENTRIES)


def _dotted(version):
    return ".".join(str(part) for part in version)


def _wanted(specifier):
    """(major, minor) of the specifier's lowest allowed Python, e.g. ('3', '11'), or None."""
    wanted = re.search(r"(?:>=|~=|==)\s*(\d+)\.(\d+)", specifier)
    return wanted.groups() if wanted else None


def suggestions(specifier):
    """Interpreters on this machine that satisfy the specifier, to name in the hint.

    Looked for only when the hint is needed: pythonX.Y on PATH (pyenv's shims excepted:
    they refuse a version that is not selected) and pyenv's installed versions.
    """
    wanted = _wanted(specifier)
    if wanted is None:
        return []
    name = "python" + ".".join(wanted)
    found = []
    which = getattr(shutil, "which", None)  # so that even a Python 2 gets this far
    on_path = which(name) if which else None
    if on_path and os.sep + "shims" + os.sep not in on_path:
        found.append(on_path)
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    pattern = os.path.join(root, "versions", ".".join(wanted) + ".*",
                           "bin", name)
    for path in sorted(glob.glob(pattern)):
        version = re.search(r"versions[/\\](\d+(?:\.\d+)*)[/\\]", path)
        if version and satisfies(_release(version.group(1)), specifier) and path not in found:
            found.append(path)
    return found


def wrong_python_message(python_name, version, specifier):
    """The several-line explanation printed when $(PYTHON) cannot make the venv."""
    where = "" if python_name == sys.executable else " (" + (sys.executable or "?") + ")"
    lines = [
        "venv_check: PYTHON=" + python_name + " is Python " + _dotted(version) + where + ",",
        "  but this project needs Python " + specifier + " (requires-python in pyproject.toml),",
        "  so it cannot make the virtual environment. Point PYTHON= at such an interpreter:",
    ]
    found = suggestions(specifier)
    for path in found:
        lines.append("    make PYTHON=" + path + "        (found on this machine)")
    if not found:
        name = "python" + ".".join(_wanted(specifier) or ("3",))
        lines.append("    make PYTHON=/path/to/" + name + "   (install one first, with pyenv, "
                     "your package manager or from python.org)")
    return "\n".join(lines)


def main(argv=None, version=None):
    """Check VENV (and, if it must be made, this interpreter); see the module docstring.

    version stands in for this interpreter's release tuple (tests pass it).
    """
    args = list(sys.argv[1:] if argv is None else argv)
    python_name = sys.executable or "python3"
    if args[:1] == ["--python-name"]:
        python_name, args = args[1], args[2:]
    if len(args) > 1 or (args and args[0].startswith("-")):
        sys.stderr.write(__doc__)
        return 2
    version = tuple(sys.version_info[:3]) if version is None else tuple(version)
    specifier = requires_python()
    problem = None
    if args:
        venv = args[0]
        if os.path.exists(venv) and not (os.path.isdir(venv) and looks_like_venv(venv)):
            sys.stderr.write("venv_check: " + venv + " exists but is not a virtual environment;"
                             " move it away or set VENV= to another directory\n")
            return 2
        if os.path.exists(venv):
            problem = venv_problem(venv, specifier)
            if problem is None:
                return 0
    if not satisfies(version, specifier):
        sys.stderr.write(wrong_python_message(python_name, version, specifier) + "\n")
        if problem:
            sys.stderr.write("  (" + args[0] + " " + problem + ": it will then be rebuilt.)\n")
        return 1
    if problem:
        print("venv_check: " + venv + " " + problem + ": removing it to rebuild it with "
              + python_name + " (Python " + _dotted(version) + ").")
        shutil.rmtree(venv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
