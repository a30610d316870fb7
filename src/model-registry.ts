// The facade: one object per registry, holding the transport and every resource.

import { type ApiVersionChoice, type Deprecation, parseApiVersion } from "./client/api-version.js";
import type { CallOptions } from "./client/call-options.js";
import { Connection } from "./client/connection.js";
import { displayable } from "./client/displayable.js";
import type { ModelArtifact, ModelVersion, RegisteredModel } from "./client/entities.js";
import { Artifacts } from "./client/resources/artifacts.js";
import { ExperimentRuns } from "./client/resources/experiment-runs.js";
import { Experiments } from "./client/resources/experiments.js";
import { InferenceServices } from "./client/resources/inference-services.js";
import { ModelArtifacts } from "./client/resources/model-artifacts.js";
import { ModelVersions } from "./client/resources/model-versions.js";
import { RegisteredModels } from "./client/resources/registered-models.js";
import { ServingEnvironments } from "./client/resources/serving-environments.js";
import { Rest } from "./client/rest.js";
import { type RetryPolicy, retryPolicy } from "./client/retry.js";
import { Secrets } from "./client/secrets.js";
import { REGISTRY_SERVICE } from "./client/service.js";
import { type ApiClient, type ApiClientV1, registryTransports } from "./client/transport.js";
import { detectCiLineage, type Lineage } from "./config/ci-lineage.js";
import { type ResolveOptions, resolveSettings } from "./config/resolve-settings.js";
import type { StorageSettings } from "./config/storage-settings.js";
import type { KubeCluster } from "./kube/kube-cluster.js";
import type { ModelRegistryOptions, Serves } from "./model-registry-options.js";
import { checkOciOptions, type OciOptions } from "./storage/oci/oci-options.js";
import { checkStorageOptions } from "./storage/s3/storage-options.js";
import {
  type AliasParams,
  type AliasResult,
  listAliases,
  removeAlias,
  resolveAlias,
  type SetAliasParams,
  setAlias,
} from "./workflows/aliases/aliases.js";
import type { ModelBundle } from "./workflows/bundle/bundle-format.js";
import { type ExportModelsParams, exportModels } from "./workflows/bundle/export-models.js";
import {
  type ImportBundleParams,
  type ImportResult,
  importBundle,
} from "./workflows/bundle/import-bundle.js";
import type { CopyModelVersionParams, CopyModelVersionResult } from "./workflows/copy/copy-model-version.js";
import {
  applyDeployment,
  type ClusterDeleteParams,
  type ClusterDeleteResult,
  type ClusterDeployParams,
  type ClusterDeployResult,
  deleteDeployment,
} from "./workflows/deploy/cluster-deploy.js";
import { type DeploymentState, deploymentStates } from "./workflows/deploy/cluster-state.js";
import {
  type DeployParams,
  type DeployPlan,
  type DeployResult,
  deploy,
  planDeploy,
} from "./workflows/deploy/deploy.js";
import {
  type KServeManifestParams,
  kserveManifest,
  llmInferenceServiceManifest,
} from "./workflows/deploy/kserve-lookup.js";
import type { KServeInferenceService, KServeLLMInferenceService } from "./workflows/deploy/kserve-types.js";
import {
  type CheckDeploymentParams,
  checkDeployment,
  type ServingFinding,
} from "./workflows/deploy/serving-checks.js";
import { type UndeployParams, type UndeployResult, undeploy } from "./workflows/deploy/undeploy.js";
import type { DownloadModelParams } from "./workflows/files/download-model.js";
import type { VerifyModelParams, VerifyResult } from "./workflows/files/verify-model.js";
import { findVersion } from "./workflows/lookup.js";
import type {
  RegisterFromCatalogParams,
  RegisterFromCatalogPlan,
  RegisterFromCatalogResult,
} from "./workflows/register/register-from-catalog.js";
import type {
  RegisterModelParams,
  RegisterModelResult,
  StorageOptions,
} from "./workflows/register/register-model.js";
import type { RegisterPlan } from "./workflows/register/register-plan.js";
import type { SignModelParams, SignModelResult } from "./workflows/sign/sign-model.js";

export type { ModelRegistryOptions, Serves };

/** A client of one Model Registry. Nothing is sent until the first call. */
export class ModelRegistry {
  /** The base URL, without a trailing slash. */
  readonly url: string;
  /** Default author of new versions and owner of new models. */
  readonly author: string | undefined;
  /** The raw typed openapi-fetch client of API v1alpha3: every endpoint, as the escape hatch. */
  readonly api: ApiClient;
  /** The raw typed openapi-fetch client of API v1 (paths `/api/model_registry/v1/...`), as the escape hatch. */
  readonly apiV1: ApiClientV1;
  /** Registered models: list, get, find by name, create, update, archive/restore, and their versions. */
  readonly registeredModels: RegisteredModels;
  /** Model versions (across models): list, get, find by name and model, update, archive/restore, their artifacts. */
  readonly modelVersions: ModelVersions;
  /** Model artifacts (across versions): list, get, find, update. */
  readonly modelArtifacts: ModelArtifacts;
  /** Artifacts of all five kinds. */
  readonly artifacts: Artifacts;
  /** Serving environments: list, get, find, create, update, and their inference services. */
  readonly servingEnvironments: ServingEnvironments;
  /** Inference services (across environments): list, get, find by name and environment, update, their model and
   * version, and their serve records. */
  readonly inferenceServices: InferenceServices;
  /** Serve records of inference services (ServeModel). */
  readonly serves: Serves;
  /** Experiments (API v1alpha3 only): list, get, find, create, update, archive/restore, and their runs. */
  readonly experiments: Experiments;
  /** Experiment runs (API v1alpha3 only): list, get, find, update, archive/restore, artifacts, metric history. */
  readonly experimentRuns: ExperimentRuns;
  /** Default storage of uploads, downloads and verification (explicit settings only; see storageSettings()). */
  readonly storage: StorageOptions;
  /** Default options of OCI pushes and pulls. */
  readonly oci: OciOptions | undefined;
  /** The environment storage defaults are read from; undefined: the process environment when used. */
  readonly env: Record<string, string | undefined> | undefined;
  private readonly rest: Rest;
  /** Lineage recorded on new versions (from CI, with `fromEnv()`). */
  readonly lineage: Lineage;
  /** The retry policy in effect (the `retry` option with its defaults filled in); workflows retry their own
   * idempotent steps within it. */
  readonly retryPolicy: RetryPolicy;
  /** The secrets this client knows (tokens it sent, the storage's secret keys), scrubbed from every error it throws.
   * a CLI scrubs its output with them too. */
  readonly secrets: Secrets = new Secrets();

  constructor(options: ModelRegistryOptions) {
    const connection = Connection.fromOptions(options, REGISTRY_SERVICE, this.secrets);
    this.url = connection.url;
    this.author = options.author;
    this.storage = checkStorageOptions(options.storage ?? {}, "the storage option");
    this.env = options.env;
    checkOciOptions(options.oci); // its numbers, at construction: not at the first push
    this.oci = options.oci;
    this.lineage = options.lineage ?? {};
    this.retryPolicy = retryPolicy(options.retry);
    this.secrets.add(this.storage.credentials?.secretAccessKey);
    this.secrets.add(this.storage.credentials?.sessionToken);
    const transports = registryTransports(connection);
    ({ api: this.api, apiV1: this.apiV1 } = transports);
    const rest = new Rest(transports, this.secrets, {
      apiVersion:
        options.apiVersion === undefined
          ? undefined
          : parseApiVersion(options.apiVersion, "the apiVersion option"),
      onDeprecation:
        options.onWarning && ((deprecation, message) => options.onWarning?.(message, deprecation)),
    });
    this.rest = rest;
    this.registeredModels = new RegisteredModels(rest);
    this.modelVersions = new ModelVersions(rest);
    this.modelArtifacts = new ModelArtifacts(rest);
    this.artifacts = new Artifacts(rest);
    this.servingEnvironments = new ServingEnvironments(rest);
    this.inferenceServices = new InferenceServices(rest);
    this.experiments = new Experiments(rest);
    this.experimentRuns = new ExperimentRuns(rest);
    const services = this.inferenceServices;
    this.serves = {
      list: (id, listOptions) => services.serves(id).list(listOptions),
      create: (id, serve, callOptions) => services.serves(id).create(serve, callOptions),
    };
  }

  /**
   * Uploads a trained model (a file or a directory) to S3-compatible storage and registers it as
   * RegisteredModel → ModelVersion → ModelArtifact; or, with `uri`, registers an existing location. Safe to run
   * again: the same content gives `status: "unchanged"`, different content a VersionConflictError before anything
   * is written, and a run interrupted part-way is completed (`status: "completed"`).
   */
  async registerModel(params: RegisterModelParams): Promise<RegisterModelResult> {
    // Loaded on first use: the AWS SDK costs ~80 ms at start-up, which listing and a CLI's help should not pay.
    const { registerModel } = await import("./workflows/register/register-model.js");
    try {
      return displayable(await registerModel(this, params)); // a card in Deno's Jupyter kernel
    } catch (error) {
      throw this.secrets.scrubError(error);
    }
  }

  /**
   * What `registerModel` would do with these params, changing nothing: the same checks, the registry lookup, the
   * bucket check, the storage folder's inspection and the content comparison (files are hashed). Throws what
   * registerModel would throw before its first write: a dry run of registerModel.
   */
  async planRegisterModel(params: RegisterModelParams): Promise<RegisterPlan> {
    const { planRegisterModel } = await import("./workflows/register/register-plan.js");
    return planRegisterModel(this, params).catch((error: unknown) => {
      throw this.secrets.scrubError(error);
    });
  }

  /** Registers a catalog model (`source`, `model`, read from `catalog`) with one of its artifacts' URI, the catalog's
   * facts as properties and `modelSource*` pointing back at it; registerModel's re-run rules apply. */
  async registerFromCatalog(params: RegisterFromCatalogParams): Promise<RegisterFromCatalogResult> {
    const { fromCatalog } = await import("./workflows/register/register-from-catalog.js");
    const { register, catalogModel, catalogArtifact } = await fromCatalog(params);
    const result = await this.registerModel(register);
    return displayable({ ...result, catalogModel, catalogArtifact });
  }

  /** What `registerFromCatalog` would do with these params (reading the catalog and the registry), changing nothing:
   * its dry run. */
  async planRegisterFromCatalog(params: RegisterFromCatalogParams): Promise<RegisterFromCatalogPlan> {
    const { fromCatalog } = await import("./workflows/register/register-from-catalog.js");
    const { register, catalogModel, catalogArtifact } = await fromCatalog(params);
    return { ...(await this.planRegisterModel(register)), catalogModel, catalogArtifact };
  }

  /**
   * Marks a model version DEPLOYED in a serving environment: creates its InferenceService, or redeploys or updates
   * the existing one of that name. A cluster controller turns the record into a real deployment.
   */
  deploy(params: DeployParams): Promise<DeployResult> {
    return deploy(this, params).then(displayable);
  }

  /** The KServe InferenceService manifest of a version, labelled for the registry's cluster controller (see
   * `toKServeManifest` for every option and its upstream default); serialise it as YAML or JSON and apply it. */
  kserveManifest(params: KServeManifestParams): Promise<KServeInferenceService> {
    return kserveManifest(this, params);
  }

  /** The KServe LLMInferenceService manifest (`serving.kserve.io/v1alpha2`) of a version, for LLMs: the same labels and
   * storage URI as `kserveManifest`'s, the model served under the registered model's name. */
  llmInferenceServiceManifest(params: KServeManifestParams): Promise<KServeLLMInferenceService> {
    return llmInferenceServiceManifest(this, params);
  }

  /**
   * Applies a version's KServe InferenceService to a Kubernetes cluster (server-side apply), keeping one registry
   * record per deployment, and optionally waits for the registry's controller to link it (`wait: "linked"`) or for
   * KServe to report it Ready (`wait: "ready"`). Serving checks run first; see `applyDeployment` for the details.
   */
  applyDeployment(params: ClusterDeployParams): Promise<ClusterDeployResult> {
    return applyDeployment(this, params);
  }

  /** Deletes a deployment's InferenceService from the cluster, waits until it is gone (the registry's controller sets
   * the record UNDEPLOYED), and makes sure the record is UNDEPLOYED. */
  deleteDeployment(params: ClusterDeleteParams): Promise<ClusterDeleteResult> {
    return deleteDeployment(this, params);
  }

  /** The deployments as the registry records them beside what the cluster has, with where they disagree. */
  deploymentStates(
    params: CallOptions & { cluster: KubeCluster; namespace?: string | undefined },
  ): Promise<DeploymentState[]> {
    return deploymentStates(this, params);
  }

  /** The serving checks of a version's manifest: what would keep it from being served (`error`) or may (`warning`),
   * from the registry and, given a cluster, from the cluster. Reads only. */
  checkDeployment(params: CheckDeploymentParams): Promise<ServingFinding[]> {
    return checkDeployment(this, params);
  }

  /** What `deploy` would do with these params (`create`, `redeploy`, `update` or `unchanged`), from the registry's
   * current state, changing nothing: a dry run of deploy. Throws what `deploy` would throw. */
  planDeploy(params: DeployParams): Promise<DeployPlan> {
    return planDeploy(this, params);
  }

  /** Marks an InferenceService UNDEPLOYED (by `inferenceServiceId`, or by name: `inferenceService` in
   * `servingEnvironment`); the record stays, so `deploy` can bring it back. */
  undeploy(params: UndeployParams): Promise<UndeployResult> {
    return undeploy(this, params).then(displayable);
  }

  /**
   * Points a model's alias at one of its versions (`setAlias({ name: "mnist", alias: "champion", version: "v3" })`),
   * moving it from the version it named; afterwards `version: "@champion"` names v3 wherever a version is named. The
   * alias is the model's custom property `alias.champion` (value `"v3"`), which every client reads. Concurrent
   * changes of other aliases and properties are kept; of two concurrent moves of one alias, the later wins and the
   * other reports `superseded` (see docs/aliases.md). Waits `settleMs` (default 500) to read its change back.
   */
  setAlias(params: SetAliasParams): Promise<AliasResult> {
    return setAlias(this, params).then(displayable);
  }

  /** Removes a model's alias (`unchanged` when it has none); other properties are kept, as by `setAlias`. */
  removeAlias(params: AliasParams & Pick<SetAliasParams, "settleMs" | "attempts">): Promise<AliasResult> {
    return removeAlias(this, params).then(displayable);
  }

  /** The version a model's alias names (`latest`: its newest version not archived), with the model. Two GETs.
   * @throws EntityNotFoundError naming the model, the alias or the version that does not exist. */
  resolveAlias(
    params: AliasParams,
  ): Promise<{ registeredModel: RegisteredModel; modelVersion: ModelVersion }> {
    return resolveAlias(this, params);
  }

  /** A model's aliases: alias → version name, sorted by alias. One GET. */
  listAliases(params: CallOptions & { name: string }): Promise<Record<string, string>> {
    return listAliases(this, params);
  }

  /** Registered models with their versions (all, or those named) and model artifacts, their metadata and aliases, as
   * one bundle (no bytes: artifacts keep their URIs); `JSON.stringify` it to a file. Reads only. */
  exportModels(params: ExportModelsParams): Promise<ModelBundle> {
    return exportModels(this, params);
  }

  /** Imports a bundle (from `exportModels`, here or in another registry) into this registry, `concurrency` versions at
   * once (default 8): what exists the same is `unchanged`, a version without its artifact is completed, nothing that
   * exists is changed; running it again resumes an import cut short. Per-version failures are in the result. */
  importBundle(params: ImportBundleParams): Promise<ImportResult> {
    return importBundle(this, params);
  }

  /**
   * Copies one version (`version`: a name or `@alias`) with its registered model, metadata and model artifact into
   * the registry `to`, the artifact's `modelSource*` fields recording where it came from (kind `model-registry`,
   * class this registry's URL, group the model, name the version, id the version's id here). With `storage`, the files
   * too: read back from this version's store (each checked against its manifest), stored where `storage.uri` says
   * (`s3://…` on any endpoint, or `oci://…`), and verified there. Running it again is `unchanged`.
   * @throws VersionConflictError when `to` has that version and it is not a copy of this one.
   */
  async copyModelVersion(params: CopyModelVersionParams): Promise<CopyModelVersionResult> {
    const { copyModelVersion } = await import("./workflows/copy/copy-model-version.js");
    try {
      return displayable(await copyModelVersion(this, params));
    } catch (error) {
      throw params.to.secrets.scrubError(this.secrets.scrubError(error));
    }
  }

  /** The model version named (`getModelVersion("mnist", "v3")`, or by an alias: `"@champion"`), or null if the model
   * or the version does not exist;
   * as the Python client's `get_model_version(name, version)`. Two GETs; names match exactly. */
  async getModelVersion(
    name: string,
    version: string,
    options: CallOptions = {},
  ): Promise<ModelVersion | null> {
    const found = await findVersion(this, { name, version }, { ...options, artifact: false });
    return found.modelVersion ?? null;
  }

  /** The model artifact of the version named, or null if the model, the version or its artifact does not exist; as
   * the Python client's `get_model_artifact(name, version)`. Three GETs. */
  async getModelArtifact(
    name: string,
    version: string,
    options: CallOptions = {},
  ): Promise<ModelArtifact | null> {
    return (await findVersion(this, { name, version }, options)).modelArtifact ?? null;
  }

  /** Downloads a version's files into the folder `path`, checking every file against the manifest registerModel
   * recorded (`ok: false` and the `mismatches` when something differs). A version another tool
   * uploaded (no manifest) is downloaded as listed under its s3:// URI (or as the one object the URI names), sizes
   * checked (`recorded: false`).
   * @throws EntityNotFoundError for a model, version or artifact that does not exist; UploadError/StorageError when
   * the storage fails. */
  async downloadModel(params: DownloadModelParams): Promise<VerifyResult> {
    const { downloadModel } = await import("./workflows/files/download-model.js");
    return downloadModel(this, params).catch((error: unknown) => {
      throw this.secrets.scrubError(error);
    });
  }

  /**
   * Signs the files a version stores with the OpenSSF model-signing format (key mode: an EC private key on P-256,
   * P-384 or P-521, PEM text or a KeyObject), from the digests its registration recorded (an image: its layers);
   * writes `model.sig` beside the files (an image: attached to it) and records where it is and the key's hint on the
   * model artifact (`model_signature_uri`,
   * `model_signature_key`). `model_signing verify key` accepts what it writes; `verifyModel({ signature })` checks it.
   * @throws SignatureError `other-signer` when another key signed the version (unless `replace`)
   */
  async signModel(params: SignModelParams): Promise<SignModelResult> {
    const { signModel } = await import("./workflows/sign/sign-model.js");
    return signModel(this, params)
      .then(displayable)
      .catch((error: unknown) => {
        throw this.secrets.scrubError(error);
      });
  }

  /** Re-reads the stored files of a version uploaded by registerModel and checks their sizes and SHA-256 against its
   * manifest, and the manifest against the digest the registry recorded; nothing is written.
   * @throws UploadError for a version that recorded no manifest (another tool uploaded it). */
  async verifyModel(params: VerifyModelParams): Promise<VerifyResult> {
    const { verifyModel } = await import("./workflows/files/verify-model.js");
    return verifyModel(this, params).catch((error: unknown) => {
      throw this.secrets.scrubError(error);
    });
  }

  /**
   * The REST API generation this client uses and how it was chosen (`option`, `probe` or `successor`). In `auto` mode
   * the first call (this one, if no other came first) asks the server once: `GET /api/model_registry/v1/...`.
   * @throws ConnectionError when the server cannot be reached for that question.
   */
  apiVersion(options: { signal?: AbortSignal } = {}): Promise<ApiVersionChoice> {
    return this.rest.apiVersion(options.signal);
  }

  /** The API base URL in use, e.g. `http://host:8080/api/model_registry/v1` (v1alpha3's until `auto` has chosen),
   * for messages that name where something was looked for. */
  get apiUrl(): string {
    return `${this.url}${this.rest.prefix}`;
  }

  /** The first deprecation the registry announced to this client (API generation, sunset date, successor), or
   * undefined when none has been seen yet. */
  get deprecation(): Deprecation | undefined {
    return this.rest.deprecation;
  }

  /** What the registry announces of API v1alpha3 (the generation the upstream InferenceService controller and storage
   * initializer speak), whichever generation this client uses: at most one GET. Undefined when nothing is announced. */
  alphaDeprecation(signal?: AbortSignal): Promise<Deprecation | undefined> {
    return this.rest.alphaDeprecation(signal);
  }

  /**
   * The storage settings in effect and where each comes from: `storage` (e.g. one call's `params.storage`) first,
   * then this client's `storage` option, then the AWS standard configuration of {@link ModelRegistry.env} (its
   * variables, then the profile in the shared config file), then `AWS_S3_ENDPOINT`/`AWS_S3_BUCKET`, then defaults.
   * Never includes a secret. See `resolveStorageSettings` for every source.
   */
  async storageSettings(storage?: StorageOptions): Promise<StorageSettings> {
    const { storageSettingsFor } = await import("./storage/s3/s3-settings-for.js");
    return storageSettingsFor(this, storage);
  }

  /**
   * A client configured from the environment: `MODEL_REGISTRY_URL`; the token from `MODEL_REGISTRY_TOKEN`, else the
   * file named by `MODEL_REGISTRY_TOKEN_FILE` (or `tokenEnvVar`), else `KF_PIPELINES_SA_TOKEN_PATH`, else the
   * Kubernetes service-account token (the Python client's order); the CA file from `MODEL_REGISTRY_CA_FILE`; the
   * author from `MODEL_REGISTRY_AUTHOR` or `USER`; storage as {@link ModelRegistry.storageSettings} says, from the
   * same `env`. Explicit `options` win over the environment; `layers` (e.g. a CLI's flags and context around the
   * environment's) replace the environment's defaults.
   */
  static async fromEnv(
    options: Partial<ModelRegistryOptions> & Omit<ResolveOptions, "overrides"> = {},
  ): Promise<ModelRegistry> {
    const { env, layers, tokenEnvVar, caEnvVar, serviceAccountTokenPath, ...explicit } = options;
    const settings = await resolveSettings({
      env,
      ...(layers ? { layers } : {}),
      tokenEnvVar,
      caEnvVar,
      serviceAccountTokenPath,
      overrides: { url: explicit.url, author: explicit.author, caFile: explicit.caFile },
    });
    return new ModelRegistry({
      ...explicit,
      url: settings.url,
      token: explicit.token ?? settings.token,
      author: settings.author,
      caFile: settings.caFile,
      storage: explicit.storage,
      env,
      apiVersion: explicit.apiVersion ?? settings.apiVersion,
      lineage: explicit.lineage ?? detectCiLineage(env),
    });
  }
}
