import { ChildCollection } from "../child-collection.js";
import type { Entity } from "../entity.js";
import { type FilterableListOptions, StatefulResource } from "../entity-resource.js";
import { listEntities } from "../list-entities.js";
import type { Paginated } from "../paginate.js";
import type { Rest } from "../rest.js";
import { ROUTES } from "../routes.js";
import type { Artifact, ExperimentRun, ExperimentRunCreate, ExperimentRunUpdate, Metric } from "../types.js";
import { ArtifactChildren } from "./artifact-children.js";
import type { ArtifactListOptions } from "./artifacts.js";

/** Options of a metric history listing. */
export interface MetricHistoryOptions extends FilterableListOptions {
  /** Only the run with this id; default every run. */
  experimentRunId?: string;
  /** Only the metric with this name. */
  name?: string;
  /** Only these steps. */
  stepIds?: readonly number[];
}

/** Experiment runs. A run's name is unique within its experiment; `status` and `state` are kept on update. */
export class ExperimentRuns extends StatefulResource<
  ExperimentRun,
  ExperimentRunCreate,
  ExperimentRunUpdate,
  { name: string; experimentId: string }
> {
  constructor(rest: Rest) {
    super(rest, {
      kind: "experiment run",
      collection: ROUTES.experimentRuns,
      item: ROUTES.experimentRun,
      find: ROUTES.findExperimentRun,
      parentField: "experimentId",
      parentCollections: [{ route: ROUTES.runsOfExperiment, filterable: true }],
      keepOnPatch: ["state", "status"],
      filterable: true,
    });
  }

  /** The artifacts of one run (params, metrics, datasets, …): list them or upsert one. Logging a `metric` here
   * also appends to the run's metric history. */
  artifacts(experimentRunId: string): ArtifactChildren {
    const spec = {
      noun: "artifacts",
      route: ROUTES.artifactsOfRun,
      filterable: true,
    };
    return new ArtifactChildren(
      new ChildCollection<Artifact, Artifact, ArtifactListOptions>(this.rest, spec, experimentRunId),
    );
  }

  /** Every recorded value of metrics over time, of one run or of all runs. */
  metricHistory(options: MetricHistoryOptions = {}): Paginated<Entity<Metric>> {
    const { experimentRunId, name, stepIds, ...pageOptions } = options;
    const query = { name, stepIds: stepIds?.join(",") };
    const listing = experimentRunId
      ? { route: ROUTES.metricHistoryOfRun, id: experimentRunId }
      : { route: ROUTES.metricHistory };
    return listEntities<Metric>(
      this.rest,
      { ...listing, filterable: true, noun: "metric history", query },
      pageOptions,
    );
  }
}
