// Where a registered model came from, in one line: its artifact's `modelSource*` fields.
import type { AnyEntity } from "./any-entity.js";

/** Where the model came from (the artifact's `modelSource*` fields), e.g. `catalog stack_demo acme/digits-onnx
 * (id stack_demo:acme/digits-onnx)` or `kfp pipelinerun train-42 (group ml)`; undefined when it does not say. */
export function modelSource(artifact: AnyEntity): string | undefined {
  const { modelSourceKind, modelSourceClass, modelSourceName, modelSourceGroup, modelSourceId } = artifact;
  const what = [modelSourceKind, modelSourceClass, modelSourceName].filter(Boolean).join(" ");
  const details = [
    modelSourceGroup && `group ${String(modelSourceGroup)}`,
    modelSourceId && `id ${String(modelSourceId)}`,
  ].filter(Boolean);
  const text = `${what}${details.length > 0 ? ` (${details.join(", ")})` : ""}`;
  return text || undefined;
}
