// A tiny classifier trained in plain TypeScript: softmax regression (v1) or a one-hidden-layer network (v2, v3),
// with seeded initialisation, so the same settings always give the same weights and the same saved files.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { random, type Sample } from "./digits.ts";

export interface TrainOptions {
  /** 0 for softmax regression; otherwise the size of the hidden layer. */
  hidden: number;
  epochs: number;
  learningRate: number;
  seed: number;
}

/** Weights as plain arrays: `layers[i]` maps its inputs to outputs, `w` row-major (outputs × inputs). */
export interface Model {
  kind: "softmax" | "mlp";
  layers: { inputs: number; outputs: number; w: number[]; b: number[] }[];
}

function layer(inputs: number, outputs: number, next: () => number) {
  const scale = Math.sqrt(2 / inputs);
  return {
    inputs,
    outputs,
    w: Array.from({ length: inputs * outputs }, () => (next() * 2 - 1) * scale),
    b: new Array(outputs).fill(0),
  };
}

function forward(model: Model, pixels: number[]): number[][] {
  const activations = [pixels];
  model.layers.forEach((l, i) => {
    const input = activations[activations.length - 1] as number[];
    const out: number[] = [];
    for (let o = 0; o < l.outputs; o++) {
      let sum = l.b[o] as number;
      for (let k = 0; k < l.inputs; k++) sum += (l.w[o * l.inputs + k] as number) * (input[k] as number);
      out.push(i < model.layers.length - 1 ? Math.max(0, sum) : sum);
    }
    activations.push(out);
  });
  const logits = activations[activations.length - 1] as number[];
  const max = Math.max(...logits);
  const exp = logits.map((z) => Math.exp(z - max));
  const total = exp.reduce((a, b) => a + b, 0);
  activations[activations.length - 1] = exp.map((e) => e / total);
  return activations;
}

/** The predicted digit. */
export function predict(model: Model, pixels: number[]): number {
  const probabilities = forward(model, pixels).at(-1) as number[];
  return probabilities.indexOf(Math.max(...probabilities));
}

/** The share of samples classified correctly. */
export function accuracy(model: Model, samples: Sample[]): number {
  return samples.filter((s) => predict(model, s.pixels) === s.label).length / samples.length;
}

/** Trains with plain stochastic gradient descent on cross-entropy. */
export function train(samples: Sample[], options: TrainOptions): Model {
  const next = random(options.seed);
  const sizes = options.hidden > 0 ? [64, options.hidden, 10] : [64, 10];
  const model: Model = { kind: options.hidden > 0 ? "mlp" : "softmax", layers: [] };
  for (let i = 0; i + 1 < sizes.length; i++)
    model.layers.push(layer(sizes[i] as number, sizes[i + 1] as number, next));
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const sample of samples) {
      const activations = forward(model, sample.pixels);
      let delta = (activations.at(-1) as number[]).map((p, k) => p - (k === sample.label ? 1 : 0));
      for (let li = model.layers.length - 1; li >= 0; li--) {
        const l = model.layers[li] as Model["layers"][number];
        const input = activations[li] as number[];
        const back = new Array(l.inputs).fill(0);
        for (let o = 0; o < l.outputs; o++) {
          const d = delta[o] as number;
          for (let k = 0; k < l.inputs; k++) {
            back[k] += (l.w[o * l.inputs + k] as number) * d;
            l.w[o * l.inputs + k] =
              (l.w[o * l.inputs + k] as number) - options.learningRate * d * (input[k] as number);
          }
          l.b[o] = (l.b[o] as number) - options.learningRate * d;
        }
        delta = back.map((g, k) => ((input[k] as number) > 0 ? g : 0));
      }
    }
  }
  return model;
}

/** Saves the model as a folder: weights (rounded, so the bytes are stable), and a card describing it. */
export async function save(model: Model, dir: string, card: Record<string, unknown>): Promise<string> {
  await mkdir(dir, { recursive: true });
  const rounded = {
    ...model,
    layers: model.layers.map((l) => ({
      ...l,
      w: l.w.map((v) => Number(v.toFixed(6))),
      b: l.b.map((v) => Number(v.toFixed(6))),
    })),
  };
  await writeFile(join(dir, "model.json"), `${JSON.stringify(rounded)}\n`);
  await writeFile(
    join(dir, "card.json"),
    `${JSON.stringify({ input: "8x8 grayscale digit, 64 values in [0,1]", output: "10 class probabilities", ...card }, null, 2)}\n`,
  );
  return dir;
}
