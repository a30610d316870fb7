import { ModelRegistry } from "../../src/model-registry.js";
import { stackEnv, stackSetting } from "./stack-env.js";

/** The stack's registries: the pinned release (API v1alpha3 only) and, when its source is at hand, the v1 server
 * (API v1 beside a deprecated v1alpha3). Suites that run on both use `describe.each(STACK_REGISTRIES)`. */
export const STACK_REGISTRIES: { label: string; url: string }[] = [
  { label: "release (v1alpha3)", url: stackSetting("MODEL_REGISTRY_URL") },
  ...(stackEnv().MODEL_REGISTRY_V1_URL
    ? [{ label: "v1 server", url: stackSetting("MODEL_REGISTRY_V1_URL") }]
    : []),
];

/** A client of one of the local stack's real servers (default: the release). */
export function stackRegistry(url = stackSetting("MODEL_REGISTRY_URL")): ModelRegistry {
  return new ModelRegistry({ url, author: "integration-test" });
}
