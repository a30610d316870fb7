"""The official Python client at scale, the twin of scale.mjs (benchmark only).

    python scale.py versions <registry-url> <model> <count>   # <count> versions of one model by URI, in a loop
    python scale.py list <registry-url>                        # every registered model, through the client's pager
    python scale.py uri <registry-url> <prefix> <count>        # <count> new models by URI (peak memory)

Prints one JSON line: wall seconds of the work, how many items, and the process's peak RSS in KiB.
"""

import json
import resource
import sys
import time
from urllib.parse import urlparse

from model_registry import ModelRegistry


def connect(url: str) -> ModelRegistry:
    parsed = urlparse(url)
    return ModelRegistry(f"{parsed.scheme}://{parsed.hostname}", parsed.port, author="bench", is_secure=False)


def main() -> None:
    mode, registry = sys.argv[1], connect(sys.argv[2])
    started = time.perf_counter()
    items = 0
    if mode == "versions":
        model, count = sys.argv[3], int(sys.argv[4])
        for i in range(1, count + 1):
            registry.register_model(
                model, f"s3://models/{model}/v{i}/", version=f"v{i}", model_format_name="onnx", model_format_version="1"
            )
            items += 1
    elif mode == "list":
        for _ in registry.get_registered_models():
            items += 1
    elif mode == "uri":
        prefix, count = sys.argv[3], int(sys.argv[4])
        for i in range(count):
            registry.register_model(
                f"{prefix}-{i}", f"s3://models/{prefix}/{i}/", version="v1", model_format_name="onnx", model_format_version="1"
            )
            items += 1
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "items": items, "maxRssKiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


if __name__ == "__main__":
    main()
