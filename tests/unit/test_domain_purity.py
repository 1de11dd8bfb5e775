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
