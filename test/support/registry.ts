import { ModelRegistry } from "../../src/model-registry.js";
import { stackSetting } from "./stack-env.js";

/** A client of the local stack's real server. */
export function stackRegistry(): ModelRegistry {
  return new ModelRegistry({ url: stackSetting("MODEL_REGISTRY_URL"), author: "integration-test" });
}
