import { ChildCollection } from "../child-collection.js";
import { type FilterableListOptions, StatefulResource } from "../entity-resource.js";
import type { Rest } from "../rest.js";
import { ROUTES } from "../routes.js";
import type {
  ModelVersion,
  ModelVersionCreate,
  RegisteredModel,
  RegisteredModelCreate,
  RegisteredModelUpdate,
} from "../types.js";

/** Registered models: the top of the RegisteredModel → ModelVersion → ModelArtifact tree. Names are unique. */
export class RegisteredModels extends StatefulResource<
  RegisteredModel,
  RegisteredModelCreate,
  RegisteredModelUpdate,
  { name: string }
> {
  constructor(rest: Rest) {
    super(rest, {
      kind: "registered model",
      collection: ROUTES.registeredModels,
      item: ROUTES.registeredModel,
      find: ROUTES.findRegisteredModel,
      keepOnPatch: ["state"],
      filterable: true,
    });
  }

  /** The versions of one model: list them (filterable) or create one under it. */
  versions(
    registeredModelId: string,
  ): ChildCollection<ModelVersion, Omit<ModelVersionCreate, "registeredModelId">, FilterableListOptions> {
    const spec = {
      noun: "model versions",
      kind: "model version",
      route: ROUTES.versionsOfModel,
      parentField: "registeredModelId",
      filterable: true,
    };
    return new ChildCollection(this.rest, spec, registeredModelId);
  }
}
