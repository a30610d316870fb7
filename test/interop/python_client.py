"""Drives the official Python client (PyPI `model-registry`) for the interop suite: test infrastructure only.

  python python_client.py read  <url> <name> <version>...
  python python_client.py write <url> <name> <version> <model-dir> <bucket> <endpoint>

Prints one JSON object on stdout: what the Python client reads (after a write: of the versions it wrote), with its
own field names: {"model": {...}, "versions": {"<version>": {"version": {...}, "artifact": {...}, "files": {...}}}}.
"files" lists the objects under an s3:// artifact URI (key relative to it: size), read with boto3 at the endpoint the
version records: the URI's own `?endpoint=` (as the Python client writes it), else the artifact's `s3_endpoint` custom
property (as mr-cli's library writes it, beside a plain URI).
"""

import json
import sys
from urllib.parse import parse_qs, urlparse

import boto3

from model_registry import ModelRegistry
from model_registry.types import ModelVersionState
from model_registry.utils import S3Params


def connect(url: str) -> ModelRegistry:
    parsed = urlparse(url)
    return ModelRegistry(f"{parsed.scheme}://{parsed.hostname}", parsed.port, author="python-interop", is_secure=False)


def plain(entity) -> dict:
    """The fields of an entity the Python client exposes, as JSON-friendly values."""
    out = {}
    for key in [
        "id", "name", "owner", "author", "description", "state", "uri", "model_format_name", "model_format_version",
        "storage_key", "storage_path", "service_account_name", "model_source_kind", "model_source_class",
        "model_source_group", "model_source_id", "model_source_name", "external_id",
    ]:
        value = getattr(entity, key, None)
        if value is not None:
            out[key] = value.value if hasattr(value, "value") else value
    props = getattr(entity, "custom_properties", None) or {}
    out["custom_properties"] = {key: value for key, value in props.items()}
    return out


def files(uri: str, properties: dict) -> dict:
    """The objects under an s3:// URI, key relative to the URI: size. The endpoint is the URI's `?endpoint=` (as the
    Python client records it), else the artifact's `s3_endpoint` property (as our TypeScript client records it)."""
    parsed = urlparse(uri)
    endpoint = parse_qs(parsed.query).get("endpoint", [properties.get("s3_endpoint")])[0]
    if parsed.scheme != "s3" or endpoint is None:  # only what the stack's S3 holds: not a URI on AWS itself
        return {}
    s3 = boto3.client("s3", endpoint_url=endpoint)
    prefix = parsed.path.lstrip("/")
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=parsed.hostname, Prefix=prefix)
    return {obj["Key"][len(prefix):].lstrip("/"): obj["Size"] for page in pages for obj in page.get("Contents", [])}


def read(registry: ModelRegistry, name: str, *versions: str) -> dict:
    out = {"model": plain(registry.get_registered_model(name)), "versions": {}}
    for version in versions:
        artifact = plain(registry.get_model_artifact(name, version))
        out["versions"][version] = {
            "version": plain(registry.get_model_version(name, version)),
            "artifact": artifact,
            "files": files(artifact.get("uri", ""), artifact["custom_properties"]),
        }
    return out


def write(registry: ModelRegistry, name: str, version: str, model_dir: str, bucket: str, endpoint: str) -> dict:
    metadata = {"accuracy": 0.98, "epochs": 10, "framework": "onnx", "validated": True}
    registry.register_model(
        name, f"s3://{bucket}/{name}/by-uri/", model_format_name="onnx", model_format_version="1",
        version=f"{version}-uri", version_description="by uri",
        storage_key="connection", storage_path="models/by-uri", service_account_name="sa-python",
        model_source_kind="kfp", model_source_class="pipelinerun", model_source_group="ns",
        model_source_id="run-1", model_source_name="train", owner="py-owner", metadata=metadata,
    )
    registry.upload_artifact_and_register_model(
        name, model_dir, upload_params=S3Params(bucket_name=bucket, s3_prefix=f"{name}/{version}", endpoint_url=endpoint),
        version=version, model_format_name="onnx", model_format_version="1", metadata=metadata,
    )
    archived = registry.get_model_version(name, f"{version}-uri")
    archived.state = ModelVersionState.ARCHIVED
    registry.update(archived)
    model = registry.get_registered_model(name)
    model.description = "written by Python"
    registry.update(model)
    return read(registry, name, version, f"{version}-uri")


if __name__ == "__main__":
    command, url, name, *rest = sys.argv[1:]
    registry = connect(url)
    result = read(registry, name, *rest) if command == "read" else write(registry, name, *rest)
    print(json.dumps(result, default=str))
