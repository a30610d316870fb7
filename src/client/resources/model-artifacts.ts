import { EntityResource } from "../entity-resource.js";
import type { PageOptions } from "../paginate.js";
import type { Rest } from "../rest.js";
import { ROUTES } from "../routes.js";
import type { ModelArtifact, ModelArtifactCreate, ModelArtifactUpdate } from "../types.js";
import { ARTIFACT_PARENTS } from "./artifacts.js";

/** Model artifacts: where a version's bytes live (`uri`), in what format, and how to serve them. The server ignores
 * filters on this collection; filter artifacts of a version with `modelVersions.artifacts(id).list(...)`. */
export class ModelArtifacts extends EntityResource<
  ModelArtifact,
  Omit<ModelArtifactCreate, "artifactType">,
  Omit<ModelArtifactUpdate, "artifactType">,
  { name: string; modelVersionId: string },
  PageOptions
> {
  constructor(rest: Rest) {
    super(rest, {
      kind: "model artifact",
      collection: ROUTES.modelArtifacts,
      item: ROUTES.modelArtifact,
      find: ROUTES.findModelArtifact,
      parentField: "modelVersionId",
      parentCollections: ARTIFACT_PARENTS.slice(0, 1),
      keepOnPatch: ["state"],
      filterable: false,
      fixed: { artifactType: "model-artifact" },
    });
  }
}
