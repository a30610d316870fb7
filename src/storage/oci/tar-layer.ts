// Model files as one reproducible tar layer of a modelcar: `models/<path>` with its parent folders, owner 0:0,
// modes 0755 (folders) and 0644 (files), time 0, in a fixed order, so the same files always give the same bytes and
// the same layer digest. POSIX ustar headers; a PAX record carries a path that does not fit ustar (longer, or not
// ASCII) and a size of 8 GiB or more (ustar's octal field ends there). Facts from POSIX.1-2001 (pax) and ustar.

const BLOCK = 512;
/** The folder of the image's filesystem KServe's modelcar reads the model from. */
export const MODELCAR_ROOT = "models";

const encoder = new TextEncoder();
const MAGIC = encoder.encode("ustar\u000000");
/** Bytes of `text` in UTF-8. */
const utf8 = (text: string) => encoder.encode(text);

/** Writes `value` as zero-padded octal of `width - 1` digits and a NUL, as ustar's numeric fields are (ASCII digits,
 * written as bytes: a thousand-file pack writes thousands of these). */
function octal(block: Uint8Array, offset: number, width: number, value: number): void {
  let rest = value;
  for (let at = offset + width - 2; at >= offset; at--) {
    block[at] = 0x30 + (rest % 8);
    rest = Math.floor(rest / 8);
  }
  block[offset + width - 1] = 0;
}

/** One ustar header block. `name` must fit (≤ 100 ASCII bytes); `size` < 8 GiB. */
function ustarHeader(name: string, size: number, type: "0" | "5" | "x", mode: number): Uint8Array {
  const block = new Uint8Array(BLOCK);
  block.set(utf8(name), 0); // name[100]
  octal(block, 100, 8, mode); // mode[8]
  octal(block, 108, 8, 0); // uid[8]
  octal(block, 116, 8, 0); // gid[8]
  octal(block, 124, 12, size); // size[12]
  octal(block, 136, 12, 0); // mtime[12]
  block.fill(0x20, 148, 156); // chksum[8]: spaces while summing
  block[156] = type.charCodeAt(0); // typeflag
  block.set(MAGIC, 257); // magic "ustar\0", version "00"
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += block[i] as number;
  const check = sum.toString(8).padStart(6, "0");
  block.set(utf8(check), 148);
  block[154] = 0;
  block[155] = 0x20;
  return block;
}

/** A PAX record `"<len> <key>=<value>\n"`, whose length counts itself. */
function paxRecord(key: string, value: string): Uint8Array {
  const body = utf8(` ${key}=${value}\n`);
  let length = body.length + 1;
  while (String(length).length + body.length !== length) length = String(length).length + body.length;
  return utf8(`${length} ${key}=${value}\n`);
}

const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

/** The header blocks of one entry: a PAX header first when the name or size does not fit ustar. */
function entryHeader(path: string, size: number, type: "0" | "5", mode: number): Uint8Array {
  const fitsName = /^[\x20-\x7e]*$/.test(path) && utf8(path).length <= 100;
  const fitsSize = size < 8 * 1024 ** 3;
  if (fitsName && fitsSize) return ustarHeader(path, size, type, mode);
  const records = [
    ...(fitsName ? [] : [paxRecord("path", path)]),
    ...(fitsSize ? [] : [paxRecord("size", String(size))]),
  ];
  const pax = concat(records);
  // The ustar name of an entry with a PAX path is only a fallback for old readers: ASCII, cut to fit.
  const fallback = `PaxHeaders/${path.replace(/[^\x20-\x7e]/g, "_")}`.slice(0, 99);
  const paxHeader = ustarHeader(fallback, pax.length, "x", 0o644);
  const plain = path.replace(/[^\x20-\x7e]/g, "_").slice(-99);
  return concat([
    paxHeader,
    pax,
    new Uint8Array(padding(pax.length)),
    ustarHeader(plain, fitsSize ? size : 0, type, mode),
  ]);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The layer of one file, as the bytes before its content (`head`: folder entries and the file's header), the
 * file's own size, and the bytes after it (`tail`: padding and the two zero blocks that end an archive). */
export interface TarLayerFrame {
  head: Uint8Array;
  size: number;
  tail: Uint8Array;
  /** head + size + tail: the layer's length in bytes. */
  length: number;
}

/** A layer of several files: the bytes between them (`bytes`), and where each file's content goes (`file`, its index
 * in the entries given). */
export type TarLayerPart = { bytes: Uint8Array } | { file: number };

/** The layout of one layer: its parts in order, and its length in bytes. */
export interface TarLayerLayout {
  parts: TarLayerPart[];
  length: number;
}

/**
 * The tar layout of files (`relativePath`, `/`-separated and relative to the model root, in the order given; `size`
 * in bytes) placed under `models/`: each folder entry once, before the first file under it (`models/`, `models/a/`,
 * …), then each file's header and content, padded to 512 bytes; two zero blocks end it. The same entries always give
 * the same bytes.
 */
export function tarLayerLayout(entries: readonly { relativePath: string; size: number }[]): TarLayerLayout {
  const parts: TarLayerPart[] = [];
  const seen = new Set<string>();
  let pending: Uint8Array[] = [];
  let length = 0;
  const flush = () => {
    const bytes = concat(pending);
    parts.push({ bytes });
    length += bytes.length;
    pending = [];
  };
  entries.forEach(({ relativePath, size }, index) => {
    const names = relativePath.split("/");
    const folders = [
      `${MODELCAR_ROOT}/`,
      ...names.slice(0, -1).map((_, i) => `${[MODELCAR_ROOT, ...names.slice(0, i + 1)].join("/")}/`),
    ];
    for (const folder of folders) {
      if (seen.has(folder)) continue;
      seen.add(folder);
      pending.push(entryHeader(folder, 0, "5", 0o755));
    }
    pending.push(entryHeader(`${MODELCAR_ROOT}/${relativePath}`, size, "0", 0o644));
    flush();
    parts.push({ file: index });
    length += size;
    pending.push(new Uint8Array(padding(size)));
  });
  pending.push(new Uint8Array(2 * BLOCK));
  flush();
  return { parts, length };
}

/**
 * The tar frame of the file at `relativePath` of `size` bytes, as the only file of a layer (see
 * {@link tarLayerLayout}): one folder entry per parent (`models/`, `models/a/`, …), then the file.
 */
export function tarLayerFrame(relativePath: string, size: number): TarLayerFrame {
  const { parts, length } = tarLayerLayout([{ relativePath, size }]);
  const [head, , tail] = parts as [{ bytes: Uint8Array }, { file: number }, { bytes: Uint8Array }];
  return { head: head.bytes, size, tail: tail.bytes, length };
}
