import { ChildCollection } from "../child-collection.js";
import { type FilterableListOptions, StatefulResource } from "../entity-resource.js";
import type { Rest } from "../rest.js";
import { ROUTES } from "../routes.js";
import type {
  Experiment,
  ExperimentCreate,
  ExperimentRun,
  ExperimentRunCreate,
  ExperimentUpdate,
} from "../types.js";

/** Experiments: groups of training runs. Names are unique. */
export class Experiments extends StatefulResource<
  Experiment,
  ExperimentCreate,
  ExperimentUpdate,
  { name: string }
> {
  constructor(rest: Rest) {
    super(rest, {
      kind: "experiment",
      collection: ROUTES.experiments,
      item: ROUTES.experiment,
      find: ROUTES.findExperiment,
      keepOnPatch: ["state"],
      filterable: true,
    });
  }

  /** The runs of one experiment: list them (filterable) or create one in it. */
  runs(
    experimentId: string,
  ): ChildCollection<ExperimentRun, Omit<ExperimentRunCreate, "experimentId">, FilterableListOptions> {
    const spec = {
      noun: "experiment runs",
      kind: "experiment run",
      route: ROUTES.runsOfExperiment,
      parentField: "experimentId",
      filterable: true,
    };
    return new ChildCollection(this.rest, spec, experimentId);
  }
}
