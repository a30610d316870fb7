"""One benchmark scenario through the official Python client, in its own process (the Python twin of scenario.mjs).

    python scenario.py <scenario> <path> <model-name>

Uploads with ModelRegistry.upload_artifact_and_register_model(upload_params=S3Params(...)); the S3 endpoint and
credentials come from AWS_S3_ENDPOINT, AWS_S3_BUCKET, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_DEFAULT_REGION,
as the client expects. Prints one JSON line with wall time and memory (KiB from getrusage, bytes when sampled).
"""

import json
import os
import resource
import sys
import threading
import time
from urllib.parse import urlparse

from model_registry import ModelRegistry
from model_registry.utils import S3Params

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE


def sample(samples: list, stop: threading.Event, started: float, interval: float = 0.05) -> None:
    """Every 50 ms: [ms since start, RSS bytes, None (no heap figure in CPython), None]."""
    while True:
        samples.append([round((time.perf_counter() - started) * 1000), rss_bytes(), None, None])
        if stop.wait(interval):
            return


def count_files(path: str) -> tuple[int, int]:
    if os.path.isfile(path):
        return 1, os.path.getsize(path)
    sizes = [os.path.getsize(os.path.join(d, f)) for d, _, names in os.walk(path) for f in names]
    return len(sizes), sum(sizes)


def main() -> None:
    scenario, path, name = sys.argv[1:4]
    url = urlparse(os.environ["MODEL_REGISTRY_URL"])
    start_rss = rss_bytes()  # after imports, as in scenario.mjs
    samples: list = []
    stop = threading.Event()
    started = time.perf_counter()
    sampler = threading.Thread(target=sample, args=(samples, stop, started), daemon=True)
    sampler.start()

    registry = ModelRegistry(f"{url.scheme}://{url.hostname}", url.port, author="bench", is_secure=False)
    prefix = f"{name}/v1"
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    registry.upload_artifact_and_register_model(
        name,
        path,
        upload_params=S3Params(bucket_name=os.environ["AWS_S3_BUCKET"], s3_prefix=prefix),
        version="v1",
        model_format_name="bench",
        model_format_version="1",
    )
    wall_ms = (time.perf_counter() - t0) * 1000
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu_ms = (used.ru_utime - cpu.ru_utime + used.ru_stime - cpu.ru_stime) * 1000  # all threads
    stop.set()
    sampler.join()
    file_count, total_bytes = count_files(path)
    rss = [s[1] for s in samples]
    report = {
        "client": "python",
        "scenario": scenario,
        "model": name,
        "uri": registry.get_model_artifact(name, "v1").uri,
        "status": "created",
        "fileCount": file_count,
        "totalBytes": total_bytes,
        "wallMs": wall_ms,
        "cpuMs": cpu_ms,
        "maxRssKiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,  # KiB on Linux
        "startRssKiB": round(start_rss / 1024),
        "sampled": {"intervalMs": 50, "count": len(samples), "peakRss": max(rss), "peakHeapUsed": None},
        "series": samples,
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
