import { ChildCollection } from "../child-collection.js";
import { StatefulResource } from "../entity-resource.js";
import type { Rest } from "../rest.js";
import { ROUTES } from "../routes.js";
import type { Artifact, ModelVersion, ModelVersionCreate, ModelVersionUpdate } from "../types.js";
import { ArtifactChildren } from "./artifact-children.js";
import type { ArtifactListOptions } from "./artifacts.js";

/** Model versions. A version's name is unique within its registered model. */
export class ModelVersions extends StatefulResource<
  ModelVersion,
  ModelVersionCreate,
  ModelVersionUpdate,
  { name: string; registeredModelId: string }
> {
  constructor(rest: Rest) {
    super(rest, {
      kind: "model version",
      collection: ROUTES.modelVersions,
      item: ROUTES.modelVersion,
      find: ROUTES.findModelVersion,
      parentField: "registeredModelId",
      parentCollections: [
        {
          route: ROUTES.versionsOfModel,
          filterable: true,
        },
      ],
      keepOnPatch: ["state"],
      filterable: true,
    });
  }

  /** The artifacts of one version (all five kinds): list them, or upsert one (a body with an `id` links it). */
  artifacts(modelVersionId: string): ArtifactChildren {
    const spec = {
      noun: "artifacts",
      route: ROUTES.artifactsOfVersion,
      filterable: true,
    };
    return new ArtifactChildren(
      new ChildCollection<Artifact, Artifact, ArtifactListOptions>(this.rest, spec, modelVersionId),
    );
  }
}
