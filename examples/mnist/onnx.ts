// The trained model as a real ONNX model (the ONNX protobuf, written with onnx-proto, MIT), which KServe's ONNX
// runtimes load, and a check with ONNX Runtime (onnxruntime-web, MIT: its WebAssembly build, which runs in Node and
// Deno alike, with no native download at install) that it predicts what the trainer does.
//
// The graph: input "input" float32 [N, 784] → per layer MatMul with W (inputs × outputs) and Add b, Relu between
// layers → Softmax (axis 1) → output "probabilities" float32 [N, 10]. Opset 13, IR version 8.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import onnxProto from "onnx-proto";
import * as ort from "onnxruntime-web";
import { PIXELS, type Sample } from "./digits.ts";
import { argmax, type Model, probabilities } from "./train.ts";

const { onnx } = onnxProto;
const FLOAT = 1; // onnx.TensorProto.DataType.FLOAT

const tensorType = (dims: (number | string)[]) => ({
  tensorType: {
    elemType: FLOAT,
    shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) },
  },
});

/** A float tensor initializer, stored as little-endian raw bytes. */
function initializer(name: string, dims: number[], values: Float32Array) {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => {
    view.setFloat32(i * 4, v, true);
  });
  return { name, dims, dataType: FLOAT, rawData: bytes };
}

/** The ONNX protobuf bytes of the model. */
export function toOnnx(model: Model, docString: string): Uint8Array {
  const nodes: Record<string, unknown>[] = [];
  const initializers: ReturnType<typeof initializer>[] = [];
  let current = "input";
  model.layers.forEach((l, i) => {
    // MatMul wants W as inputs × outputs; the trainer keeps it outputs × inputs.
    const transposed = new Float32Array(l.inputs * l.outputs);
    for (let o = 0; o < l.outputs; o++)
      for (let k = 0; k < l.inputs; k++) transposed[k * l.outputs + o] = l.w[o * l.inputs + k] as number;
    initializers.push(
      initializer(`W${i}`, [l.inputs, l.outputs], transposed),
      initializer(`b${i}`, [l.outputs], l.b),
    );
    nodes.push({ opType: "MatMul", input: [current, `W${i}`], output: [`z${i}`], name: `matmul${i}` });
    nodes.push({ opType: "Add", input: [`z${i}`, `b${i}`], output: [`a${i}`], name: `add${i}` });
    current = `a${i}`;
    if (i < model.layers.length - 1) {
      nodes.push({ opType: "Relu", input: [current], output: [`h${i}`], name: `relu${i}` });
      current = `h${i}`;
    }
  });
  const axis = { name: "axis", type: onnx.AttributeProto.AttributeType.INT, i: 1 };
  nodes.push({
    opType: "Softmax",
    input: [current],
    output: ["probabilities"],
    attribute: [axis],
    name: "softmax",
  });
  const proto = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: "", version: 13 }],
    producerName: "model-registry examples/mnist",
    docString,
    graph: {
      name: `mnist-${model.kind}`,
      input: [{ name: "input", type: tensorType(["N", PIXELS]) }],
      output: [{ name: "probabilities", type: tensorType(["N", 10]) }],
      initializer: initializers,
      node: nodes,
    },
  });
  return onnx.ModelProto.encode(proto).finish();
}

/** The model file inside a saved folder: one numbered version folder, the layout ONNX model servers read (OpenVINO
 * Model Server's `<version>/model.onnx`, Triton's model folders). */
export const MODEL_FILE = "1/model.onnx";

/** Saves the model as a folder: `1/model.onnx`, and a `README.md` model card; the folder holds nothing else (an
 * earlier run's files are removed first). */
export async function save(
  model: Model,
  dir: string,
  card: Record<string, string | number>,
): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, "1"), { recursive: true });
  await writeFile(join(dir, MODEL_FILE), toOnnx(model, JSON.stringify(card)));
  const lines = Object.entries(card).map(([key, value]) => `- ${key}: ${value}`);
  await writeFile(
    join(dir, "README.md"),
    `# MNIST digit classifier\n\nInput \`input\`: float32 [N, 784], 28×28 grayscale pixels in [0, 1], row by row.\nOutput \`probabilities\`: float32 [N, 10].\n\n${lines.join("\n")}\n`,
  );
  return dir;
}

/** The class probabilities ONNX Runtime computes with the model file at `path`, one array per sample. */
export async function runOnnx(path: string, samples: Float32Array[]): Promise<Float32Array[]> {
  const session = await ort.InferenceSession.create(path);
  const input = new Float32Array(samples.length * PIXELS);
  samples.forEach((pixels, i) => {
    input.set(pixels, i * PIXELS);
  });
  const out = await session.run({ input: new ort.Tensor("float32", input, [samples.length, PIXELS]) });
  const data = out.probabilities?.data as Float32Array;
  return samples.map((_, i) => data.slice(i * 10, i * 10 + 10));
}

/** Checks that ONNX Runtime, running the saved file, predicts what the trainer predicts on every sample, with the
 * same probabilities (to 1e-4). @throws Error naming the first sample that differs. */
export async function checkOnnx(path: string, model: Model, samples: Sample[]): Promise<number> {
  const fromOnnx = await runOnnx(
    path,
    samples.map((s) => s.pixels),
  );
  samples.forEach((sample, i) => {
    const expected = probabilities(model, sample.pixels);
    const got = fromOnnx[i] as Float32Array;
    const off = expected.findIndex((p, k) => Math.abs(p - (got[k] as number)) > 1e-4);
    if (argmax(got) !== argmax(expected) || off >= 0)
      throw new Error(`ONNX Runtime and the trainer disagree on test sample ${i}: ${got} vs ${expected}`);
  });
  return samples.length;
}
