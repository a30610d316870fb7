// Synthetic digit-like images: 8×8 glyphs of the ten digits, shifted and speckled at random. No download needed.

/** An 8×8 image as 64 values in [0, 1], and its label. */
export interface Sample {
  pixels: number[];
  label: number;
}

const GLYPHS = [
  ["..####..", ".#....#.", ".#...##.", ".#..#.#.", ".#.#..#.", ".##...#.", ".#....#.", "..####.."],
  ["...##...", "..###...", "...##...", "...##...", "...##...", "...##...", "...##...", "..####.."],
  ["..####..", ".#....#.", "......#.", ".....#..", "....#...", "...#....", "..#.....", ".######."],
  ["..####..", ".#....#.", "......#.", "...###..", "......#.", "......#.", ".#....#.", "..####.."],
  [".....#..", "....##..", "...#.#..", "..#..#..", ".######.", ".....#..", ".....#..", ".....#.."],
  [".######.", ".#......", ".#......", ".#####..", "......#.", "......#.", ".#....#.", "..####.."],
  ["..####..", ".#......", ".#......", ".#####..", ".#....#.", ".#....#.", ".#....#.", "..####.."],
  [".######.", "......#.", ".....#..", "....#...", "...#....", "...#....", "...#....", "...#...."],
  ["..####..", ".#....#.", ".#....#.", "..####..", ".#....#.", ".#....#.", ".#....#.", "..####.."],
  ["..####..", ".#....#.", ".#....#.", ".#....#.", "..#####.", "......#.", "......#.", "..####.."],
];

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same data and the same model. */
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

/** `count` samples: glyphs moved by up to one pixel, with `noise` of the pixels flipped. */
export function digits(count: number, seed: number, noise = 0.08): Sample[] {
  const next = random(seed);
  const samples: Sample[] = [];
  for (let i = 0; i < count; i++) {
    const label = i % 10;
    const glyph = GLYPHS[label] as string[];
    const dx = Math.floor(next() * 3) - 1;
    const dy = Math.floor(next() * 3) - 1;
    const pixels: number[] = [];
    for (let y = 0; y < 8; y++) {
      for (let x = 0; x < 8; x++) {
        const on = glyph[y - dy]?.[x - dx] === "#";
        pixels.push(next() < noise ? (on ? 0 : 1) : on ? 1 : 0);
      }
    }
    samples.push({ pixels, label });
  }
  return samples;
}

/** The image as text, for printing. */
export function show(sample: Sample): string {
  const rows: string[] = [];
  for (let y = 0; y < 8; y++)
    rows.push(
      sample.pixels
        .slice(y * 8, y * 8 + 8)
        .map((p) => (p > 0.5 ? "█" : "·"))
        .join(""),
    );
  return rows.join("\n");
}
