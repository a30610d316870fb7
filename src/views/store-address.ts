// Where the store of an S3 upload is, as its model artifact records it beside the plain URI (the s3_endpoint and
// s3_region properties): one line for the cards of a registration's result, in the terminal and in notebooks.
import { S3_PROPERTIES } from "../storage/recorded-properties.js";

/** `http://minio:9000, region us-east-1` for an artifact that records a custom S3 endpoint; undefined for any other
 * (on AWS itself, or a URI that carries its endpoint in its own query). */
export function storeAddress(artifact: {
  customProperties?: Readonly<Record<string, unknown>> | undefined;
}): string | undefined {
  const endpoint = artifact.customProperties?.[S3_PROPERTIES.endpoint];
  if (typeof endpoint !== "string" || endpoint === "") return undefined;
  const region = artifact.customProperties?.[S3_PROPERTIES.region];
  return typeof region === "string" && region !== "" ? `${endpoint}, region ${region}` : endpoint;
}
