// A small digit classifier trained in plain TypeScript on MNIST: softmax regression (v1) or a network with one hidden
// ReLU layer (v2, v3), by stochastic gradient descent on cross-entropy, with seeded initialisation: the same settings
// always give the same weights, so a re-run saves the same files (and registers as `unchanged`).
import { PIXELS, random, type Sample } from "./digits.ts";

/** How to train. */
export interface TrainOptions {
  /** 0 for softmax regression; otherwise the size of the hidden layer. */
  hidden: number;
  /** Passes over the training set. */
  epochs: number;
  /** The step size of gradient descent. */
  learningRate: number;
  /** Seeds the initial weights. */
  seed: number;
}

/** One dense layer: `w` row-major, `outputs` × `inputs`; `b` one bias per output. */
export interface Layer {
  inputs: number;
  outputs: number;
  w: Float32Array;
  b: Float32Array;
}

/** The layers, input first; every layer but the last is followed by ReLU, the last by softmax. */
export interface Model {
  kind: "softmax" | "mlp";
  layers: Layer[];
}

function layer(inputs: number, outputs: number, next: () => number): Layer {
  const scale = Math.sqrt(2 / inputs);
  const w = new Float32Array(inputs * outputs);
  for (let i = 0; i < w.length; i++) w[i] = (next() * 2 - 1) * scale;
  return { inputs, outputs, w, b: new Float32Array(outputs) };
}

/** The activations of every layer for one image; the last are the 10 class probabilities. */
export function forward(model: Model, pixels: Float32Array): Float32Array[] {
  const activations = [pixels];
  model.layers.forEach((l, index) => {
    const input = activations[activations.length - 1] as Float32Array;
    const out = new Float32Array(l.outputs);
    for (let o = 0; o < l.outputs; o++) {
      let sum = l.b[o] as number;
      const row = o * l.inputs;
      for (let k = 0; k < l.inputs; k++) sum += (l.w[row + k] as number) * (input[k] as number);
      out[o] = index < model.layers.length - 1 ? Math.max(0, sum) : sum;
    }
    activations.push(out);
  });
  const logits = activations[activations.length - 1] as Float32Array;
  const max = Math.max(...logits);
  let total = 0;
  for (let k = 0; k < logits.length; k++) total += logits[k] = Math.exp((logits[k] as number) - max);
  for (let k = 0; k < logits.length; k++) logits[k] = (logits[k] as number) / total;
  return activations;
}

/** The class probabilities of one image. */
export function probabilities(model: Model, pixels: Float32Array): Float32Array {
  return forward(model, pixels).at(-1) as Float32Array;
}

/** The index of the largest value: the predicted digit. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if ((values[k] as number) > (values[best] as number)) best = k;
  return best;
}

/** The share of samples classified correctly. */
export function accuracy(model: Model, samples: Sample[]): number {
  return samples.filter((s) => argmax(probabilities(model, s.pixels)) === s.label).length / samples.length;
}

/** Trains by stochastic gradient descent on cross-entropy, one sample at a time, in a seeded shuffled order. */
export function train(samples: Sample[], options: TrainOptions): Model {
  const next = random(options.seed);
  const sizes = options.hidden > 0 ? [PIXELS, options.hidden, 10] : [PIXELS, 10];
  const model: Model = { kind: options.hidden > 0 ? "mlp" : "softmax", layers: [] };
  for (let i = 0; i + 1 < sizes.length; i++)
    model.layers.push(layer(sizes[i] as number, sizes[i + 1] as number, next));
  const rate = options.learningRate;
  const order = samples.slice();
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j] as Sample, order[i] as Sample];
    }
    for (const sample of order) {
      const activations = forward(model, sample.pixels);
      let delta = Float32Array.from(
        activations.at(-1) as Float32Array,
        (p, k) => p - (k === sample.label ? 1 : 0),
      );
      for (let li = model.layers.length - 1; li >= 0; li--) {
        const l = model.layers[li] as Layer;
        const input = activations[li] as Float32Array;
        const back = new Float32Array(l.inputs);
        for (let o = 0; o < l.outputs; o++) {
          const d = delta[o] as number;
          if (d === 0) continue;
          const row = o * l.inputs;
          for (let k = 0; k < l.inputs; k++) {
            back[k] = (back[k] as number) + (l.w[row + k] as number) * d;
            l.w[row + k] = (l.w[row + k] as number) - rate * d * (input[k] as number);
          }
          l.b[o] = (l.b[o] as number) - rate * d;
        }
        if (li > 0) for (let k = 0; k < l.inputs; k++) if ((input[k] as number) <= 0) back[k] = 0;
        delta = back;
      }
    }
  }
  return model;
}
