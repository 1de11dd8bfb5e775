import ast
from pathlib import Path

FORBIDDEN = {
    "gradio",
    "langchain",
    "langchain_core",
    "langchain_openai",
    "openai",
    "chromadb",
    "sqlalchemy",
    "httpx",
    "requests",
    "onnxruntime",
    "xllamacpp",
}
DOMAIN = Path(__file__).resolve().parents[2] / "coach" / "domain"


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_domain_imports_no_io_library():
    files = list(DOMAIN.rglob("*.py"))
    assert files
    for path in files:
        assert not imported_roots(path) & FORBIDDEN, path


def test_checker_catches_a_forbidden_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from chromadb import Client\n")
    assert imported_roots(bad) & FORBIDDEN == {"chromadb"}


def test_the_domain_imports_no_other_layer_of_coach():
    layers = ("coach.generation", "coach.llm", "coach.services", "coach.store",
              "coach.knowledge", "coach.ui", "coach.evals")  # fmt: skip
    for path in DOMAIN.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(layers), (path, node.module)


def test_the_registry_loads_without_the_model_stack():
    """The UI and the CLI loop over specs; that must not pull in LangChain or the model."""
    import subprocess
    import sys

    probe = (
        "import sys, coach.domain.registry; print(sorted({m.split('.')[0] + "
        "('.' + m.split('.')[1] if m.startswith('coach.') else '') for m in sys.modules}))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    for heavy in ("langchain_core", "openai", "chromadb", "coach.generation", "coach.llm"):
        assert f"'{heavy}'" not in loaded, heavy
    assert "'coach.domain'" in loaded
