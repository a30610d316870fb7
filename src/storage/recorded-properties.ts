// The custom properties a registration records on its model artifact, per store: the contract between what
// registerModel writes and what downloadModel, verifyModel, the CLI and the notebook read back. Other clients (the
// official Python client, the UI) see them as plain custom properties.

/** Custom property names on the model artifact of an uploaded model (S3), and the size and file count of any
 * stored model. */
export const ARTIFACT_PROPERTIES = {
  digest: "model_manifest_sha256",
  size: "model_size_bytes",
  files: "model_file_count",
  manifest: "model_manifest_uri",
} as const;

/** Custom property names on the model artifact of a model uploaded to S3-compatible storage with a custom endpoint:
 * where that store is, since the artifact's URI is the plain `s3://bucket/prefix/` (or `…/file`) that KServe's S3
 * provider reads as it is (the registry's `model-registry://` storage initializer hands it over unchanged). Written only
 * when there is a custom endpoint (none on AWS itself), the region with it when it is known. Versions registered by
 * earlier releases, and by the official Python client, carry the same in their URI instead, as
 * `?endpoint=<url>&defaultRegion=<region>`; both are read. */
export const S3_PROPERTIES = {
  endpoint: "s3_endpoint",
  region: "s3_region",
} as const;

/** Custom property names on the model artifact of a version pushed as an OCI image (a modelcar). */
export const OCI_PROPERTIES = {
  digest: "oci_manifest_digest",
  size: "oci_manifest_size",
  /** The layer bound the image was built under (so that a re-run without one builds the same image). */
  maxLayers: "oci_max_layers",
  /** The base image's repository (`registry/repository`), or `""` for an image of the model files alone (which has
   * no shell: KServe's modelcar mode cannot run it, its image-volume mode `oci+native://` can). Recorded since
   * issue 25; absent on older versions. */
  baseImage: "oci_base_image",
} as const;

/** Custom property names on the model artifact of a signed version: where its signature is (an `s3://` URI beside the
 * files, in the form of the manifest's URI, or the `oci://…:sha256-<hex>.sig` tag of an image's), and the hex SHA-256 of the signing key's public PEM
 * (the bundle's key hint). */
export const SIGNATURE_PROPERTIES = {
  uri: "model_signature_uri",
  key: "model_signature_key",
} as const;
