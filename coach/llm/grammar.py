"""Compact GBNF grammars from JSON schemas, for llama.cpp servers.

llama.cpp turns ``response_format`` into a grammar that allows indentation, and small models
indent generously: every space and newline is a token the CPU must generate. This converter
covers the schema subset our prompts use and allows no whitespace between tokens, which
shortens local outputs by about a third. Hosted models still get the plain JSON schema.
"""

from __future__ import annotations

import json
from typing import Any

BASE = r"""
string ::= "\"" ([A-Za-z0-9(] char{0,300})? "\""
char ::= [^"\\\x7F\x00-\x1F] | "\\" (["\\/bfnrt] | "u" [0-9a-fA-F]{4})
integer ::= "-"? ([0-9] | [1-9] [0-9]{0,5})
number ::= "-"? ([0-9] | [1-9] [0-9]*) ("." [0-9]+)?
boolean ::= "true" | "false"
"""


class GrammarError(ValueError):
    """The schema uses a feature this converter does not support."""


class _Builder:
    def __init__(self, defs: dict[str, Any]) -> None:
        self.defs = defs
        self.rules: dict[str, str] = {}

    def rule(self, schema: dict[str, Any], name: str) -> str:
        if "$ref" in schema:
            ref = schema["$ref"].split("/")[-1]
            if ref not in self.rules:
                self.rules[ref] = ""  # reserve the name, then fill it
                self.rules[ref] = self.body(self.defs[ref], ref)
            return ref
        if schema.get("type") == "string" and "maxLength" in schema and "enum" not in schema:
            return self.bounded_string(int(schema["maxLength"]))
        body = self.body(schema, name)
        if body in ("string", "integer", "number", "boolean"):
            return body
        self.rules[name] = body
        return name

    def body(self, schema: dict[str, Any], name: str) -> str:
        if "enum" in schema:
            return " | ".join(_literal(json.dumps(v)) for v in schema["enum"])
        if "const" in schema:
            return _literal(json.dumps(schema["const"]))
        if "anyOf" in schema:
            options = [self.rule(s, f"{name}-{i}") for i, s in enumerate(schema["anyOf"])]
            return " | ".join(options)
        kind = schema.get("type")
        if kind == "object":
            return self.object(schema, name)
        if kind == "array":
            return self.array(schema, name)
        if kind == "null":
            return '"null"'
        if kind in ("string", "integer", "number", "boolean"):
            return kind
        raise GrammarError(f"unsupported schema at {name}: {schema}")

    def bounded_string(self, limit: int) -> str:
        """A string of at most ``limit`` characters: the model must close it by then."""
        name = f"string-{limit}"
        if limit < 1:
            raise GrammarError("maxLength must be at least 1")
        self.rules[name] = f'"\\"" ([A-Za-z0-9(] char{{0,{limit - 1}}})? "\\""'
        return name

    def object(self, schema: dict[str, Any], name: str) -> str:
        properties = schema.get("properties", {})
        parts = []
        for index, (key, sub) in enumerate(properties.items()):
            value = self.rule(sub, f"{name}-{_slug(key)}")
            comma = '"," ' if index else ""
            parts.append(f"{comma}{_literal(json.dumps(key) + ':')} {value}")
        return '"{" ' + " ".join(parts) + ' "}"' if parts else '"{}"'

    def array(self, schema: dict[str, Any], name: str) -> str:
        item = self.rule(schema.get("items", {"type": "string"}), f"{name}-item")
        low = int(schema.get("minItems", 0))
        high = schema.get("maxItems")
        if high is not None and int(high) == 0:
            return '"[]"'
        first = f"{item}"
        rest = f'("," {item})'
        if low == 0:
            tail = f"{{0,{int(high) - 1}}}" if high is not None else "*"
            return f'"[" ({first} {rest}{tail})? "]"'
        more = f"{{{low - 1},{int(high) - 1}}}" if high is not None else f"{{{low - 1},}}"
        return f'"[" {first} {rest}{more} "]"'


def _slug(key: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in key.lower())


def _literal(text: str) -> str:
    return json.dumps(text)


def compact_grammar(schema: dict[str, Any]) -> str:
    """A GBNF grammar accepting exactly the JSON ``schema`` describes, with no whitespace.

    Properties come in schema order and all are written, so every model output has one shape.
    """
    builder = _Builder(schema.get("$defs", {}))
    root = builder.body(schema, "root")
    lines = [f"root ::= {root}"]
    lines += [f"{name} ::= {body}" for name, body in builder.rules.items()]
    return "\n".join(lines) + BASE


def without_lengths(schema: Any) -> Any:
    """``schema`` without ``maxLength``: a grammar-only limit that OpenAI's strict mode refuses."""
    if isinstance(schema, dict):
        return {k: without_lengths(v) for k, v in schema.items() if k != "maxLength"}
    if isinstance(schema, list):
        return [without_lengths(v) for v in schema]
    return schema


def output_options(schema: dict[str, Any], name: str, mode: str) -> dict[str, Any]:
    """Request options that constrain a chat model's reply to ``schema``.

    ``grammar`` is llama.cpp's compact GBNF (sent as an extra body field); ``json_schema`` and
    ``json_object`` are the OpenAI ``response_format`` values; ``none`` sends nothing.
    """
    if mode == "grammar":
        return {"extra_body": {"grammar": compact_grammar(schema)}}
    if mode == "json_schema":
        spec = {"name": name, "schema": without_lengths(schema), "strict": True}
        return {"response_format": {"type": "json_schema", "json_schema": spec}}
    if mode == "json_object":
        return {"response_format": {"type": "json_object"}}
    return {}
