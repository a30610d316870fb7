// Reading a tar layer as a stream: each entry's header (ustar, with PAX `path` and `size` records) and its bytes, in
// order, without holding a whole file in memory. Only what a modelcar's layers hold is taken: folders and regular
// files; links and devices are reported as such so the caller can refuse them.

const BLOCK = 512;

/** One entry of a tar stream. */
export interface TarEntry {
  /** The path as recorded (PAX `path` when there is one), e.g. `models/a/b.bin`. */
  path: string;
  /** `file`, `folder`, or `other` (a link, device or FIFO). */
  type: "file" | "folder" | "other";
  size: number;
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes).replace(/\0.*$/s, "");
const octal = (bytes: Uint8Array) => Number.parseInt(text(bytes).trim() || "0", 8);

/** Parses PAX records (`<len> key=value\n`). */
function paxRecords(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 0;
  while (at < bytes.length) {
    const space = bytes.indexOf(0x20, at);
    if (space < 0) break;
    const length = Number(new TextDecoder().decode(bytes.subarray(at, space)));
    if (!(length > 0)) break;
    const record = new TextDecoder().decode(bytes.subarray(space + 1, at + length - 1));
    const eq = record.indexOf("=");
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    at += length;
  }
  return out;
}

/** A byte source that hands out exactly the bytes asked for. */
class Reader {
  #pending: Uint8Array[] = [];
  #buffered = 0;
  readonly #source: AsyncIterator<Uint8Array>;
  constructor(source: AsyncIterable<Uint8Array>) {
    this.#source = source[Symbol.asyncIterator]();
  }

  /** Up to `max` bytes (at least one, unless the stream ended: then an empty array). */
  async some(max: number): Promise<Uint8Array> {
    if (this.#buffered === 0) {
      const next = await this.#source.next();
      if (next.done) return new Uint8Array(0);
      this.#pending.push(next.value);
      this.#buffered += next.value.length;
    }
    const first = this.#pending[0] as Uint8Array;
    const take = first.subarray(0, Math.min(max, first.length));
    if (take.length === first.length) this.#pending.shift();
    else this.#pending[0] = first.subarray(take.length);
    this.#buffered -= take.length;
    return take;
  }

  /** Exactly `n` bytes; fewer only at the end of the stream. */
  async exactly(n: number): Promise<Uint8Array> {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const part = await this.some(n - filled);
      if (part.length === 0) return out.subarray(0, filled);
      out.set(part, filled);
      filled += part.length;
    }
    return out;
  }

  /** Passes `n` bytes to `sink` as they come. */
  async pass(n: number, sink: (bytes: Uint8Array) => Promise<void> | void): Promise<void> {
    let left = n;
    while (left > 0) {
      const part = await this.some(left);
      if (part.length === 0) throw new Error("the tar stream ended inside an entry");
      await sink(part);
      left -= part.length;
    }
  }
}

/**
 * Reads the tar stream `source` to its end, calling `onEntry` with each entry and a function that passes its bytes to a sink
 * (entries whose bytes are not asked for are skipped).
 * @throws Error for a stream that is not a tar or ends inside an entry.
 */
export async function readTar(
  source: AsyncIterable<Uint8Array>,
  onEntry: (
    entry: TarEntry,
    content: (sink: (bytes: Uint8Array) => Promise<void> | void) => Promise<void>,
  ) => Promise<void>,
): Promise<void> {
  const reader = new Reader(source);
  let pax: Record<string, string> = {};
  for (;;) {
    const header = await reader.exactly(BLOCK);
    if (header.length < BLOCK || header.every((b) => b === 0)) {
      // The end of the archive: read what follows (its second zero block, padding) so the whole source is consumed.
      while ((await reader.some(64 * 1024)).length > 0);
      return;
    }
    const flag = String.fromCharCode(header[156] as number);
    const size = pax.size !== undefined ? Number(pax.size) : octal(header.subarray(124, 136));
    const prefix = text(header.subarray(345, 500));
    const name =
      pax.path ?? (prefix ? `${prefix}/${text(header.subarray(0, 100))}` : text(header.subarray(0, 100)));
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (flag === "x" || flag === "g") {
      const records = paxRecords(await reader.exactly(size));
      await reader.exactly(padding);
      if (flag === "x") pax = records;
      continue;
    }
    pax = {};
    const type = flag === "0" || flag === "\0" ? "file" : flag === "5" ? "folder" : "other";
    let consumed = false;
    await onEntry({ path: name, type, size: type === "file" ? size : 0 }, async (sink) => {
      consumed = true;
      await reader.pass(size, sink);
    });
    if (!consumed) await reader.pass(size, () => undefined);
    await reader.exactly(padding);
  }
}
