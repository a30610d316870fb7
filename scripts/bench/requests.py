"""Registrations through the official Python client, for the request-count comparison (the twin of requests.mjs).

    python requests.py <registry-url> <model-prefix> <mode> [count]

Modes (each in its own process, so the proxy can count each alone): `construct` (the client's start-up probe only),
`new` (a new model by URI), `version` (a new version v2 of the model <prefix>-0), `rerun` (v2 again), `many` (<count>
new models, timed). Prints one JSON line: wall seconds of the registrations and, for `rerun`, what happened.
"""

import json
import sys
import time
from urllib.parse import urlparse

from model_registry import ModelRegistry


def register(registry: ModelRegistry, name: str, version: str) -> None:
    registry.register_model(
        name, f"s3://models/{name}/{version}/", version=version, model_format_name="onnx", model_format_version="1"
    )


def main() -> None:
    url, prefix, mode = urlparse(sys.argv[1]), sys.argv[2], sys.argv[3]
    count = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    registry = ModelRegistry(f"{url.scheme}://{url.hostname}", url.port, author="bench", is_secure=False)
    started = time.perf_counter()
    outcome = "ok"
    if mode == "new":
        register(registry, f"{prefix}-0", "v1")
    elif mode in ("version", "rerun"):
        try:
            register(registry, f"{prefix}-0", "v2")
        except Exception as error:  # the client refuses a version that exists
            outcome = f"raises {type(error).__name__}"
    elif mode == "many":
        for i in range(1, count + 1):
            register(registry, f"{prefix}-{i}", "v1")
    print(json.dumps({"seconds": time.perf_counter() - started, "outcome": outcome}))


if __name__ == "__main__":
    main()
