"""Grounded generation: retrieve, pack, prompt, model, parse."""
