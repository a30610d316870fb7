"""Downloads a model the way KServe's storage initializer does, with KServe's own storage code (PyPI kserve-storage).

Usage: python kserve_storage_download.py <storageUri> <out_dir>

The S3 settings come from the environment, as the cluster's S3 secret gives them to the initializer container
(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL, AWS_DEFAULT_REGION, S3_VERIFY_SSL). Prints one JSON line:
{"path": <the folder the model is in>}.
"""

import json
import sys

from kserve_storage import Storage

if __name__ == "__main__":
    uri, out_dir = sys.argv[1], sys.argv[2]
    print(json.dumps({"path": Storage.download(uri, out_dir)}))
