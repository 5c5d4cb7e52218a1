"""The installed package (pip builds it as a wheel and installs that) loads the Swift runtime
it carries, never the toolchain's: `ldd` on the library and the command resolves every Swift
library inside the package."""

import os
import subprocess

import spintransport as st
from spintransport import _library

SWIFT_RUNTIME = ("libswiftCore.so", "libFoundation.so", "libdispatch.so", "libswift_Concurrency.so")


def resolved(binary):
    out = subprocess.run(["ldd", str(binary)], check=True, capture_output=True, text=True).stdout
    table = {}
    for line in out.splitlines():
        name, arrow, rest = line.strip().partition(" => ")
        if arrow:
            path = rest.split(" (")[0]
            table[name] = os.path.realpath(path) if path.startswith("/") else path
    return table


def test_swift_runtime_resolves_inside_the_package():
    package_lib = os.path.realpath(_library.PACKAGE / "lib")
    for binary in (st.library.path, _library.command_path()):
        table = resolved(binary)
        for name in SWIFT_RUNTIME:
            assert name in table, (binary, table)
            assert table[name].startswith(package_lib + "/"), (binary, name, table[name])
        assert "not found" not in table.values(), table
