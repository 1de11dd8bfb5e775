"""Flipside: an offline-first AI coach for reverse mentoring programs."""

from coach import offline as _offline

# Telemetry opt-outs must be in the environment before gradio, chromadb or onnxruntime import.
_offline.silence_telemetry()

__version__ = "0.1.0"
