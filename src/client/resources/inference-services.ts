import type { CallOptions } from "../call-options.js";
import { ChildCollection } from "../child-collection.js";
import { decodeEntity, type Entity } from "../entity.js";
import { EntityResource } from "../entity-resource.js";
import type { PageOptions } from "../paginate.js";
import type { Rest } from "../rest.js";
import { ROUTES } from "../routes.js";
import type {
  InferenceService,
  InferenceServiceCreate,
  InferenceServiceUpdate,
  ModelVersion,
  RegisteredModel,
  ServeModel,
  ServeModelCreate,
} from "../types.js";

/** Inference services: a model (version) to be served in a serving environment. `desiredState` (DEPLOYED or
 * UNDEPLOYED) is what a cluster controller reconciles. The server ignores filters on these collections. */
export class InferenceServices extends EntityResource<
  InferenceService,
  InferenceServiceCreate,
  InferenceServiceUpdate,
  { name: string; servingEnvironmentId: string },
  PageOptions
> {
  constructor(rest: Rest) {
    super(rest, {
      kind: "inference service",
      collection: ROUTES.inferenceServices,
      item: ROUTES.inferenceService,
      find: ROUTES.findInferenceService,
      parentField: "servingEnvironmentId",
      parentCollections: [
        {
          route: ROUTES.servicesOfEnvironment,
          filterable: false,
        },
      ],
      keepOnPatch: ["desiredState"],
      filterable: false,
    });
  }

  /** The registered model the service serves. */
  async model(inferenceServiceId: string, options: CallOptions = {}): Promise<Entity<RegisteredModel>> {
    return decodeEntity(
      await this.rest.get<RegisteredModel>(this.relation(inferenceServiceId, "model", options)),
      "registered model",
    );
  }

  /** The model version the service serves; without a `modelVersionId`, the server answers with the newest version. */
  async version(inferenceServiceId: string, options: CallOptions = {}): Promise<Entity<ModelVersion>> {
    return decodeEntity(
      await this.rest.get<ModelVersion>(this.relation(inferenceServiceId, "version", options)),
      "model version",
    );
  }

  /** The serve records (ServeModel) of one service. */
  serves(inferenceServiceId: string): ChildCollection<ServeModel, ServeModelCreate, PageOptions> {
    const spec = {
      noun: "serves",
      kind: "serve",
      route: ROUTES.servesOfService,
      filterable: false,
    };
    return new ChildCollection(this.rest, spec, inferenceServiceId);
  }

  private relation(id: string, what: "model" | "version", options: CallOptions) {
    return {
      route: what === "model" ? ROUTES.modelOfService : ROUTES.versionOfService,
      id,
      subject: `${what} of inference service ${id}`,
      options,
    };
  }
}
