"""The C ABI of libSpinTransportC.so through ctypes.

Why ctypes (not cffi): it is in the standard library, needs no C compiler at install time and
no extra dependency, and a `ctypes.CDLL` call releases the GIL for its whole duration, so a
long computation leaves other Python threads running. The ABI is a dozen functions over
`char *`, `double *`, `int32_t *`, `int64_t` and one opaque handle, which ctypes declares in a
few lines; cffi's ABI mode would offer nothing more here.

Numbers cross as one row-major buffer of doubles, viewed by NumPy and copied once; no number
is ever formatted or parsed on the way out.
"""

import ctypes
import json
import os
import threading
from pathlib import Path

import numpy as np

PACKAGE = Path(__file__).resolve().parent
LIBRARY_NAME = "libSpinTransportC.so"

OK, PARAMETER_ERROR, FAILURE, INTERRUPTED = 0, 1, 2, 3


def library_path():
    """The shared library: $SPINTRANSPORT_LIBRARY, else the one installed with the package."""
    override = os.environ.get("SPINTRANSPORT_LIBRARY")
    return Path(override) if override else PACKAGE / "lib" / LIBRARY_NAME


def command_path():
    """The `spintransport` command installed beside the library ($SPINTRANSPORT_COMMAND overrides)."""
    override = os.environ.get("SPINTRANSPORT_COMMAND")
    return Path(override) if override else PACKAGE / "bin" / "spintransport"


def build_revision():
    """The source revision the installed library was built from (`git rev-parse`), or None."""
    path = PACKAGE / "lib" / "git_revision"
    text = path.read_text().strip() if path.exists() else ""
    return text or None


class Library:
    """The loaded library with its functions declared."""

    def __init__(self, path):
        lib = ctypes.CDLL(str(path))
        handle, text = ctypes.c_void_p, ctypes.c_char_p
        owned = ctypes.POINTER(ctypes.c_char)  # a char * we must free with st_string_free
        self._declare(lib.st_catalogue_json, owned, [])
        self._declare(lib.st_version, owned, [])
        self._declare(lib.st_string_free, None, [owned])
        self._declare(lib.st_compute, handle, [text, ctypes.POINTER(ctypes.c_int32)])
        self._declare(lib.st_result_status, ctypes.c_int32, [handle])
        self._declare(lib.st_result_error_json, text, [handle])
        self._declare(lib.st_result_column_count, ctypes.c_int64, [handle])
        self._declare(lib.st_result_column_name, text, [handle, ctypes.c_int64])
        self._declare(lib.st_result_row_count, ctypes.c_int64, [handle])
        self._declare(lib.st_result_data, ctypes.POINTER(ctypes.c_double), [handle])
        self._declare(lib.st_result_metadata_json, text, [handle])
        self._declare(lib.st_result_text_columns_json, text, [handle])
        self._declare(lib.st_result_free, None, [handle])
        self.lib = lib
        self.path = Path(path)

    @staticmethod
    def _declare(function, restype, argtypes):
        function.restype = restype
        function.argtypes = argtypes

    def _owned_text(self, pointer):
        try:
            return ctypes.string_at(pointer).decode("utf-8")
        finally:
            self.lib.st_string_free(pointer)

    def catalogue(self):
        """`spintransport models --format json` as a dict."""
        return json.loads(self._owned_text(self.lib.st_catalogue_json()))

    def version(self):
        return self._owned_text(self.lib.st_version())

    def compute(self, request):
        """Runs `request` (a dict, see CatalogueRequest.swift); a `Result` (status, table or error).

        The call runs in a worker thread (the GIL is released inside the library); the calling
        thread waits in short slices so Ctrl-C (KeyboardInterrupt) is seen at once: it sets the
        interrupt flag, which the library reads before each point, waits for the points already
        running to finish, and re-raises.
        """
        text = json.dumps(request).encode("utf-8")
        flag = ctypes.c_int32(0)
        box = {}

        def work():
            box["handle"] = self.lib.st_compute(text, ctypes.byref(flag))

        worker = threading.Thread(target=work, name="spintransport-compute", daemon=True)
        worker.start()
        try:
            while worker.is_alive():
                worker.join(0.05)
        except KeyboardInterrupt:
            flag.value = 1
            worker.join()
            if box.get("handle"):
                self.lib.st_result_free(box["handle"])
            raise
        return Result(self, box["handle"])


class Result:
    """One computed table or error, copied out of the library's handle (then freed)."""

    def __init__(self, library, handle):
        lib = library.lib
        try:
            self.status = lib.st_result_status(handle)
            self.error = json.loads(lib.st_result_error_json(handle).decode("utf-8"))
            if self.status != OK:
                return
            width = lib.st_result_column_count(handle)
            self.columns = [lib.st_result_column_name(handle, j).decode("utf-8") for j in range(width)]
            rows = lib.st_result_row_count(handle)
            if rows * width:
                view = np.ctypeslib.as_array(lib.st_result_data(handle), shape=(rows, width))
                self.data = view.copy()  # one memcpy; the handle's buffer is freed below
            else:
                self.data = np.empty((rows, width))
            self.metadata = json.loads(lib.st_result_metadata_json(handle).decode("utf-8"))
            self.text_columns = json.loads(lib.st_result_text_columns_json(handle).decode("utf-8"))
        finally:
            lib.st_result_free(handle)
