// Samples this process's memory at a fixed interval (RSS, V8 heap, Buffers/ArrayBuffers) for the benchmark children.

/** @typedef {[ms: number, rss: number, heapUsed: number, arrayBuffers: number]} Sample  bytes, ms since start */

/**
 * Starts sampling `process.memoryUsage()` every `intervalMs` (the timer is unref'd, so it never keeps Node alive).
 * @param {number} [intervalMs] default 50
 * @returns {{ stop(): Sample[] }} `stop()` takes a last sample and returns them all, oldest first.
 */
export function startSampler(intervalMs = 50) {
  const started = performance.now();
  /** @type {Sample[]} */
  const samples = [];
  const sample = () => {
    const { rss, heapUsed, arrayBuffers } = process.memoryUsage();
    samples.push([Math.round(performance.now() - started), rss, heapUsed, arrayBuffers]);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return samples;
    },
  };
}

/**
 * The peaks of a series of samples.
 * @param {Sample[]} samples
 * @returns {{ count: number, peakRss: number, peakHeapUsed: number, peakArrayBuffers: number }} bytes
 */
export function peaks(samples) {
  const max = (/** @type {number} */ column) => Math.max(...samples.map((s) => s[column] ?? 0));
  return { count: samples.length, peakRss: max(1), peakHeapUsed: max(2), peakArrayBuffers: max(3) };
}
