// S3-compatible storage as a ModelStore: registrations upload a model's folder with its manifest, reads fetch or hash
// every object and check it against that manifest.
import type { ModelStore } from "../model-store.js";
import { openS3Destination } from "./s3-destination.js";
import { pullS3 } from "./s3-pull.js";
import { s3SignaturePlace } from "./s3-signature.js";

/** The store of `s3://bucket/key` URIs. */
export const s3Store: ModelStore = {
  scheme: "s3",
  openDestination: openS3Destination,
  pull: pullS3,
  signaturePlace: s3SignaturePlace,
};
