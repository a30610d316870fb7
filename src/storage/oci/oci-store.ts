// OCI registries as a ModelStore: registrations push a KServe modelcar image, reads pull it back layer by layer.
import type { ModelStore } from "../model-store.js";
import { openOciDestination } from "./oci-destination.js";
import { pullOci } from "./oci-pull.js";
import { ociSignaturePlace } from "./oci-signature.js";

/** The store of `oci://registry/repository[:tag][@digest]` URIs. */
export const ociStore: ModelStore = {
  scheme: "oci",
  openDestination: openOciDestination,
  pull: pullOci,
  signaturePlace: ociSignaturePlace,
};
