import { ChildCollection } from "../child-collection.js";
import { type FilterableListOptions, StatefulResource } from "../entity-resource.js";
import type { Rest } from "../rest.js";
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
      collection: "/registered_models",
      item: "/registered_models/{registeredmodelId}",
      idParam: "registeredmodelId",
      find: "/registered_model",
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
      path: "/registered_models/{registeredmodelId}/versions",
      param: "registeredmodelId",
      parentField: "registeredModelId",
      filterable: true,
    };
    return new ChildCollection(this.rest, spec, registeredModelId);
  }
}
