"""A tiny OpenAI-compatible server on loopback that misbehaves on purpose (for fault tests).

Modes: ``sleep`` (answers after ``delay`` seconds), ``stall`` (one word, then ``delay``
seconds of silence), ``http500``, ``garbled_sse`` (a stream whose events are not JSON),
``error_event`` (an error object inside the stream) and ``garbled_content`` (a well-formed
stream whose text is not a JSON draft).
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def _chunk(text: str) -> bytes:
    body = {
        "id": "stub-1",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "stub",
        "choices": [
            {"index": 0, "delta": {"role": "assistant", "content": text}, "finish_reason": None}
        ],
    }
    return f"data: {json.dumps(body)}\n\n".encode()


class StubLLM:
    """Serve one misbehaviour on 127.0.0.1 until ``close``; counts the requests it got."""

    def __init__(self, mode: str, delay: float = 0.0, text: str = "not json at all") -> None:
        self.mode, self.delay, self.text = mode, delay, text
        self.requests = 0
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                stub.requests += 1
                stub.answer(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        if self.mode == "sleep":
            time.sleep(self.delay)
        if self.mode == "http500":
            body = b'{"error": {"message": "internal error", "type": "server_error"}}'
            handler.send_response(500)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
            return
        events = {
            "garbled_sse": [b"data: {this is not json\n\n"],
            "error_event": [b'data: {"error": {"message": "model crashed"}}\n\n'],
        }.get(self.mode, [_chunk(self.text)])
        try:
            handler.send_response(200)
            handler.send_header("Content-Type", "text/event-stream")
            handler.end_headers()
            for event in events:
                handler.wfile.write(event)
                handler.wfile.flush()
                if self.mode == "stall":
                    time.sleep(self.delay)
            handler.wfile.write(b"data: [DONE]\n\n")
            handler.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
            pass

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
