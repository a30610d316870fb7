import { ChildCollection } from "../child-collection.js";
import { EntityResource } from "../entity-resource.js";
import type { PageOptions } from "../paginate.js";
import type { Rest } from "../rest.js";
import { ROUTES } from "../routes.js";
import type {
  InferenceService,
  InferenceServiceCreate,
  ServingEnvironment,
  ServingEnvironmentCreate,
  ServingEnvironmentUpdate,
} from "../types.js";

/** Serving environments (e.g. a namespace a cluster controller watches). Names are unique. The server ignores
 * filters on this collection and on the inference services under an environment. */
export class ServingEnvironments extends EntityResource<
  ServingEnvironment,
  ServingEnvironmentCreate,
  ServingEnvironmentUpdate,
  { name: string },
  PageOptions
> {
  constructor(rest: Rest) {
    super(rest, {
      kind: "serving environment",
      collection: ROUTES.servingEnvironments,
      item: ROUTES.servingEnvironment,
      find: ROUTES.findServingEnvironment,
      keepOnPatch: [],
      filterable: false,
    });
  }

  /** The inference services of one environment: list them or create one in it. */
  inferenceServices(
    servingEnvironmentId: string,
  ): ChildCollection<InferenceService, Omit<InferenceServiceCreate, "servingEnvironmentId">, PageOptions> {
    const spec = {
      noun: "inference services",
      kind: "inference service",
      route: ROUTES.servicesOfEnvironment,
      parentField: "servingEnvironmentId",
      filterable: false,
    };
    return new ChildCollection(this.rest, spec, servingEnvironmentId);
  }
}
