// What the workflows use of a registry client: its resources and settings, not the whole facade. `ModelRegistry`
// is one (and the only one the package builds); a test can pass any object of this shape.

import type { Deprecation } from "../client/api-version.js";
import type { InferenceServices } from "../client/resources/inference-services.js";
import type { ModelArtifacts } from "../client/resources/model-artifacts.js";
import type { ModelVersions } from "../client/resources/model-versions.js";
import type { RegisteredModels } from "../client/resources/registered-models.js";
import type { ServingEnvironments } from "../client/resources/serving-environments.js";
import type { RetryPolicy } from "../client/retry.js";
import type { Secrets } from "../client/secrets.js";
import type { Lineage } from "../config/ci-lineage.js";
import type { OciOptions } from "../storage/oci/oci-options.js";
import type { StorageOptions } from "./register/register-params.js";

/** The registry client the workflows (registerModel, deploy, download, verify) work with. */
export interface RegistryClient {
  /** Base URL of the registry, for messages. */
  readonly url: string;
  /** The API URL in use (base URL and the generation's prefix), for messages. */
  readonly apiUrl: string;
  /** Default `author` of new versions. */
  readonly author: string | undefined;
  /** The environment the storage settings are resolved from (undefined: the process's). */
  readonly env: Record<string, string | undefined> | undefined;
  /** CI lineage recorded on new versions. */
  readonly lineage: Lineage;
  /** Default storage of uploads, downloads and verification. */
  readonly storage: StorageOptions;
  /** Default options of OCI pushes and pulls. */
  readonly oci?: OciOptions | undefined;
  /** Secrets scrubbed from every error (tokens, the S3 secret key). */
  readonly secrets: Secrets;
  /** How idempotent steps are retried. */
  readonly retryPolicy: RetryPolicy;
  readonly registeredModels: RegisteredModels;
  readonly modelVersions: ModelVersions;
  readonly modelArtifacts: ModelArtifacts;
  readonly servingEnvironments: ServingEnvironments;
  readonly inferenceServices: InferenceServices;
  /** The first deprecation the registry announced to this client, if any (read by the serving checks). */
  readonly deprecation?: Deprecation | undefined;
  /** What the registry announces of API v1alpha3, whichever generation the client uses (read by the serving checks). */
  alphaDeprecation?(signal?: AbortSignal): Promise<Deprecation | undefined>;
}
