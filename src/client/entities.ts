// The entity types users see: as the server sends them, but with plain custom property values and a required id.
import type { Entity } from "./entity.js";
import type * as wire from "./types.js";

export type RegisteredModel = Entity<wire.RegisteredModel>;
export type ModelVersion = Entity<wire.ModelVersion>;
export type ModelArtifact = Entity<wire.ModelArtifact>;
/** Any of the five artifact kinds; narrow on `artifactType`. */
export type Artifact = Entity<wire.Artifact>;
export type DocArtifact = Entity<wire.DocArtifact>;
export type DataSet = Entity<wire.DataSet>;
export type Metric = Entity<wire.Metric>;
export type Parameter = Entity<wire.Parameter>;
export type ServingEnvironment = Entity<wire.ServingEnvironment>;
export type InferenceService = Entity<wire.InferenceService>;
export type ServeModel = Entity<wire.ServeModel>;
export type Experiment = Entity<wire.Experiment>;
export type ExperimentRun = Entity<wire.ExperimentRun>;
