import type { Entity } from "../entity.js";
import type { FilterableListOptions } from "../entity-resource.js";
import { EntityResource } from "../entity-resource.js";
import { listEntities } from "../list-entities.js";
import type { Paginated } from "../paginate.js";
import type { Rest } from "../rest.js";
import { ROUTES } from "../routes.js";
import type { Artifact, ArtifactCreate, ArtifactTypeQueryParam, ArtifactUpdate } from "../types.js";

/** Listing options of artifact collections. */
export interface ArtifactListOptions extends FilterableListOptions {
  /** Only artifacts of this kind. */
  artifactType?: ArtifactTypeQueryParam;
}

/** Places an artifact's parent may be: a model version or an experiment run. */
export const ARTIFACT_PARENTS = [
  { route: ROUTES.artifactsOfVersion, filterable: true },
  { route: ROUTES.artifactsOfRun, filterable: true },
] as const;

/** Artifacts of every kind: model, doc, dataset, metric, parameter. Narrow on `artifactType`. */
export class Artifacts extends EntityResource<
  Artifact,
  ArtifactCreate,
  ArtifactUpdate,
  { name: string; parentResourceId: string },
  ArtifactListOptions
> {
  constructor(rest: Rest) {
    super(rest, {
      kind: "artifact",
      collection: ROUTES.artifacts,
      item: ROUTES.artifact,
      find: ROUTES.findArtifact,
      parentField: "parentResourceId",
      parentCollections: ARTIFACT_PARENTS,
      // The type is immutable, and the server needs it in every update body to decode it.
      keepOnPatch: ["artifactType"],
      filterable: true,
    });
  }

  override list(options: ArtifactListOptions = {}): Paginated<Entity<Artifact>> {
    const { artifactType, ...pageOptions } = options;
    return listEntities<Artifact>(
      this.rest,
      { route: ROUTES.artifacts, filterable: true, noun: "artifacts", query: { artifactType } },
      pageOptions,
    );
  }
}
