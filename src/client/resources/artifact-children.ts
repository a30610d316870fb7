import type { CallOptions } from "../call-options.js";
import type { ChildCollection } from "../child-collection.js";
import type { Entity, EntityInput } from "../entity.js";
import type { FilterableListOptions } from "../entity-resource.js";
import type { Paginated } from "../paginate.js";
import type { Artifact } from "../types.js";
import type { ArtifactListOptions } from "./artifacts.js";

/** The artifacts of one model version or experiment run. */
export class ArtifactChildren {
  constructor(private readonly children: ChildCollection<Artifact, Artifact, FilterableListOptions>) {}

  /** The artifacts, optionally of one `artifactType`, page by page. */
  list(options: ArtifactListOptions = {}): Paginated<Entity<Artifact>> {
    const { artifactType, ...pageOptions } = options;
    return this.children.list(pageOptions, { artifactType });
  }

  /**
   * Adds an artifact (its `artifactType` says which kind). A body with the `id` of an existing artifact updates it
   * and links it here. The server answers 201 for new model and doc artifacts and 200 otherwise.
   */
  upsert(artifact: EntityInput<Artifact>, options: CallOptions = {}): Promise<Entity<Artifact>> {
    return this.children.create(artifact, options);
  }
}
