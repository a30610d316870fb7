// How each kind of the registry's entities is shown: one list of fields per kind, for the terminal and notebooks.
import { MODEL_ALIASES, VERSION_ALIASES } from "./aliases.js";
import type { EntityView } from "./entity-view.js";
import {
  AUTHOR,
  CREATED,
  DESCRIPTION,
  FORMAT,
  ID,
  list,
  NAME,
  OWNER,
  PROPERTIES,
  STATE,
  text,
  UPDATED,
  URI,
} from "./field.js";
import { modelSource } from "./model-source.js";

const MODEL_ID = text("registeredModelId", "model id", { heading: "model" });
const VERSION_ID = text("modelVersionId", "version id", { heading: "version" });
const ENVIRONMENT_ID = text("servingEnvironmentId", "environment id", { heading: "env" });
const TYPE = text("artifactType", "type");
const DESIRED = text("desiredState", "desired state", { heading: "desired" });
const RUNTIME = text("runtime");

/** Registered models and experiments: owned, described, with properties. */
const OWNED: EntityView = {
  table: [ID, NAME, STATE, OWNER, DESCRIPTION, UPDATED, PROPERTIES],
  terminal: [ID, NAME, STATE, OWNER, UPDATED, DESCRIPTION],
  card: [ID, NAME, STATE, OWNER, DESCRIPTION, CREATED, UPDATED, PROPERTIES],
};

/** Registered models: owned, and their aliases on the card. */
const MODEL: EntityView = {
  ...OWNED,
  card: [ID, NAME, STATE, OWNER, DESCRIPTION, CREATED, UPDATED, MODEL_ALIASES, PROPERTIES],
};

/** The view of each kind of registry entity, by the kind's name ("model version"). */
export const REGISTRY_VIEWS = {
  "registered model": MODEL,
  experiment: { table: OWNED.table, terminal: [ID, NAME, STATE, OWNER, CREATED] },
  "model version": {
    table: [ID, NAME, STATE, VERSION_ALIASES, AUTHOR, MODEL_ID, CREATED, PROPERTIES],
    terminal: [ID, NAME, STATE, VERSION_ALIASES, AUTHOR, CREATED, PROPERTIES],
    card: [ID, NAME, VERSION_ALIASES, MODEL_ID, STATE, AUTHOR, DESCRIPTION, CREATED, PROPERTIES],
  },
  /** Any artifact, of whichever type; a table of one other type than model artifacts, or of several. */
  artifact: {
    table: [ID, NAME, TYPE, URI, STATE, CREATED],
    terminal: [ID, TYPE, NAME, URI, FORMAT, STATE],
  },
  "model artifact": {
    table: [ID, NAME, URI, FORMAT, STATE, CREATED],
    card: [
      ID,
      NAME,
      URI,
      FORMAT,
      STATE,
      text("storageKey", "storage key"),
      text("storagePath", "storage path"),
      text("serviceAccountName", "service account"),
      { label: "source", value: modelSource },
      PROPERTIES,
    ],
  },
  "inference service": {
    table: [ID, NAME, DESIRED, RUNTIME, MODEL_ID, VERSION_ID, ENVIRONMENT_ID, UPDATED],
    terminal: [ID, NAME, ENVIRONMENT_ID, MODEL_ID, VERSION_ID, DESIRED, RUNTIME],
  },
  "serving environment": { table: [ID, NAME, DESCRIPTION, CREATED], terminal: [ID, NAME, DESCRIPTION] },
  "experiment run": {
    table: [ID, NAME, STATE, text("status"), text("experimentId", "experiment id"), CREATED, PROPERTIES],
  },
  serve: { table: [ID, VERSION_ID, text("lastKnownState", "last known state"), CREATED] },
  /** A deployment as the registry records it and the cluster has it (deploymentStates). */
  "deployment state": {
    table: [
      text("namespace"),
      NAME,
      text("recordId", "record id", { heading: "record" }),
      DESIRED,
      VERSION_ID,
      text("inCluster", "in cluster", { heading: "cluster" }),
      text("clusterVersionId", "cluster's version id", { heading: "cluster version" }),
      text("ready"),
      list("problems"),
    ],
  },
} as const satisfies Record<string, EntityView>;
