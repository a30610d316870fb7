/**
 * model-registry: a TypeScript SDK and CLI for the Kubeflow Model Registry.
 * @packageDocumentation
 */

// In Deno's Jupyter kernel, values show as cards and tables (nothing happens anywhere else).
import "./jupyter-display.js";

export {
  CATALOG_ASSET_ORDER_KEYS,
  type CatalogAgent,
  type CatalogAgentArtifact,
  type CatalogAgentArtifactListOptions,
  type CatalogAssetListOptions,
  type CatalogAssetOrderBy,
  type CatalogEntryRefOptions,
  type CatalogMcpServer,
  type CatalogMcpServerGetOptions,
  type CatalogMcpServerListOptions,
  type CatalogMcpTool,
  type CatalogMcpToolListOptions,
  type CatalogSkill,
  type CatalogSourcedListOptions,
} from "./catalog/asset-types.js";
export { CATALOG_PREFIXES, type CatalogKind } from "./catalog/catalog-api.js";
export {
  CATALOG_ORDER_KEYS,
  type CatalogArtifact,
  type CatalogArtifactListOptions,
  type CatalogAssetType,
  type CatalogFilterOptions,
  type CatalogLabel,
  type CatalogMetricsArtifact,
  type CatalogModel,
  type CatalogModelArtifact,
  type CatalogModelDescription,
  type CatalogModelListOptions,
  type CatalogModelOrderBy,
  type CatalogSource,
  type CatalogSourceListOptions,
  type CatalogSourceOrderBy,
  type PerformanceArtifactListOptions,
  type RecommendedOptions,
} from "./catalog/catalog-types.js";
export {
  CATALOG_API_PREFIX,
  type CatalogAgents,
  type CatalogApiClient,
  type CatalogApiClientV1,
  type CatalogMcpServers,
  type CatalogModels,
  type CatalogSkills,
  ModelCatalog,
  type ModelCatalogOptions,
} from "./catalog/model-catalog.js";
export { type CatalogFromEnvOptions, catalogFromEnv } from "./catalog-from-env.js";
export {
  API_PREFIXES,
  type ApiVersion,
  type ApiVersionChoice,
  type ApiVersionOption,
  CATALOG_API_PREFIXES,
  type CatalogApiVersion,
  type CatalogApiVersionChoice,
  type CatalogApiVersionOption,
  type Deprecation,
} from "./client/api-version.js";
export type { CallOptions, UpdateOptions } from "./client/call-options.js";
export type { ChildCollection } from "./client/child-collection.js";
export type { ConnectionOptions } from "./client/connection-options.js";
export {
  type CustomPropertyInput,
  type CustomPropertyValue,
  customPropertyTypes,
  double,
  int,
  type JsonObject,
  type JsonValue,
  TypedNumber,
} from "./client/custom-properties.js";
export type * from "./client/entities.js";
export {
  type CustomPropertiesInput,
  type Entity,
  type EntityInput,
  wireCustomProperties,
} from "./client/entity.js";
export type { EntityResource, FilterableListOptions, StatefulResource } from "./client/entity-resource.js";
export {
  Filter,
  type FilterValue,
  filter,
  type PropertyOptions,
  toFilterQuery,
  type ValueType,
} from "./client/filter.js";
export { type Page, type PageOptions, Paginated, type RawPage } from "./client/paginate.js";
export type { PropertyChange, PropertyChangeOptions } from "./client/property-change.js";
export type { ArtifactChildren } from "./client/resources/artifact-children.js";
export type { ArtifactListOptions, Artifacts } from "./client/resources/artifacts.js";
export type { ExperimentRuns, MetricHistoryOptions } from "./client/resources/experiment-runs.js";
export type { Experiments } from "./client/resources/experiments.js";
export type { InferenceServices } from "./client/resources/inference-services.js";
export type { ModelArtifacts } from "./client/resources/model-artifacts.js";
export type { ModelVersions } from "./client/resources/model-versions.js";
export type { RegisteredModels } from "./client/resources/registered-models.js";
export type { ServingEnvironments } from "./client/resources/serving-environments.js";
export type { RetryOptions } from "./client/retry.js";
export type { Secrets } from "./client/secrets.js";
export type { ApiClient, ApiClientV1 } from "./client/transport.js";
export type { TokenProvider } from "./client/transport-send.js";
/** The API's own types (v1alpha3), exactly as on the wire (custom properties as MetadataValue maps). */
export type * as wire from "./client/types.js";
export type { Lineage } from "./config/ci-lineage.js";
export {
  type ConnectionSetting,
  defaultsLayer,
  envLayer,
  type Layer,
  type SettingsLayer,
} from "./config/settings-layer.js";
export {
  type AddressingStyle,
  type ChecksumMode,
  describeStorageSettings,
  type ResolveStorageOptions,
  resolveStorageSettings,
  type Sourced,
  type StorageLayer,
  type StorageSettingName,
  type StorageSettings,
  type StorageSettingsInput,
} from "./config/storage-settings.js";
export {
  ApiError,
  ApiVersionError,
  AuthError,
  BadRequestError,
  ClusterError,
  type ClusterErrorKind,
  ConcurrentChangeError,
  ConfigError,
  ConflictError,
  ConnectionError,
  EntityNotFoundError,
  GoneError,
  InferenceServiceConflictError,
  ModelRegistryError,
  type ModelRegistryErrorOptions,
  NotFoundError,
  OciError,
  ServerError,
  type SettingRef,
  SignatureError,
  type SignatureErrorKind,
  StorageError,
  type StorageErrorDetails,
  type StorageErrorKind,
  TokenError,
  UploadError,
  type UploadErrorOptions,
  UploadInProgressError,
  VersionConflictError,
} from "./errors.js";
export {
  type ClusterOptions,
  KubeCluster,
  type KubeObject,
  type ResourceRef,
  resourcePath,
} from "./kube/kube-cluster.js";
export { ModelRegistry, type ModelRegistryOptions, type Serves } from "./model-registry.js";
export type { Manifest, ManifestEntry, ManifestMismatch } from "./storage/manifest.js";
export {
  type OverallProgress,
  type ProgressCallback,
  type ProgressEvent,
  trackProgress,
} from "./storage/progress.js";
export type { S3ConnectionOptions } from "./storage/s3/s3-client.js";
export { formatS3Uri, parseS3Uri, type S3Location } from "./storage/s3/s3-uri.js";
export { VERSION } from "./version.js";
export {
  ALIAS_PREFIX,
  aliasesOf,
  LATEST_ALIAS,
} from "./workflows/aliases/alias-names.js";
export type {
  AliasParams,
  AliasResult,
  AliasStatus,
  SetAliasParams,
} from "./workflows/aliases/aliases.js";
export {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type BundledArtifact,
  type BundledModel,
  type BundledVersion,
  checkBundle,
  type EntityFields,
  type ModelBundle,
  type WireProperties,
} from "./workflows/bundle/bundle-format.js";
export type { ExportModelsParams } from "./workflows/bundle/export-models.js";
export type {
  ImportBundleParams,
  ImportedAlias,
  ImportedVersion,
  ImportResult,
  ImportStatus,
} from "./workflows/bundle/import-bundle.js";
export {
  type CopyModelVersionParams,
  type CopyModelVersionResult,
  type CopyStorage,
  type CopyTarget,
  REGISTRY_SOURCE_KIND,
} from "./workflows/copy/copy-model-version.js";
export {
  type ClusterDeleteParams,
  type ClusterDeleteResult,
  type ClusterDeployParams,
  type ClusterDeployResult,
  type ClusterProgress,
  type DeployWait,
  FIELD_MANAGER,
  type ServingKind,
} from "./workflows/deploy/cluster-deploy.js";
export type { DeploymentState } from "./workflows/deploy/cluster-state.js";
export type {
  DeployAction,
  DeployParams,
  DeployPlan,
  DeployResult,
} from "./workflows/deploy/deploy.js";
export type { KServeManifestParams } from "./workflows/deploy/kserve-lookup.js";
export {
  type KServeInferenceService,
  type KServeLabelFlavour,
  type KServeLLMInferenceService,
  type KServeManifestOptions,
  type KServeManifestSubject,
  type KServeStorageStyle,
  storageUri,
  toKServeManifest,
  toLLMInferenceService,
} from "./workflows/deploy/kserve-manifest.js";
export type { CheckDeploymentParams, ServingFinding } from "./workflows/deploy/serving-checks.js";
export type { UndeployParams, UndeployResult } from "./workflows/deploy/undeploy.js";
export type { DownloadModelParams } from "./workflows/files/download-model.js";
export type { VerifyModelParams, VerifyResult } from "./workflows/files/verify-model.js";
export {
  CATALOG_SOURCE_KIND,
  catalogProperties,
  type RegisterFromCatalogParams,
  type RegisterFromCatalogPlan,
  type RegisterFromCatalogResult,
} from "./workflows/register/register-from-catalog.js";
export type {
  RegisterModelParams,
  RegisterModelResult,
  RegisterStatus,
  StorageOptions,
} from "./workflows/register/register-model.js";
export type { RegisterPlan } from "./workflows/register/register-plan.js";
export type { SignModelParams, SignModelResult } from "./workflows/sign/sign-model.js";
export type { VersionName } from "./workflows/version-name.js";
