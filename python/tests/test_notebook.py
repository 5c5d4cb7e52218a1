"""examples/notebooks/quickstart.ipynb executes top to bottom (nbclient, the venv's python3
kernel) and draws its ring-current figure; the executed notebook and the PNG are kept in
.build/notebook-check for a look."""

import os
from pathlib import Path

import nbclient
import nbformat

ROOT = Path(__file__).resolve().parents[2]


def test_quickstart_notebook_executes_and_draws_its_figure():
    out = ROOT / ".build" / "notebook-check"
    out.mkdir(parents=True, exist_ok=True)
    figure = out / "quickstart-ring.png"
    figure.unlink(missing_ok=True)
    notebook = nbformat.read(ROOT / "examples" / "notebooks" / "quickstart.ipynb", as_version=4)
    os.environ["QUICKSTART_FIGURE"] = str(figure)
    os.environ["MPLBACKEND"] = "Agg"
    client = nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(out)}})
    client.execute()
    nbformat.write(notebook, out / "quickstart.ipynb")
    assert figure.exists() and figure.stat().st_size > 10_000
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs)
    assert "realisations" in text
