// Which of a model's files share a layer of its modelcar. Container runtimes stack an image's layers as overlayfs lower
// directories, and each bounds how many: Docker's layer store refuses more than 125 (moby `layer/layer_store.go`,
// `maxLayerDepth`, for the 127 of some graph drivers less two), CRI-O refused more than 128 ("max depth exceeded",
// cri-o/cri-o#6261; containers/storage sizes its link names so that 128 lowers fit one page for mount(2)), and the
// kernel's overlayfs stacks at most 500 (`OVL_MAX_STACK`; containers/storage's overlay driver `maxDepth`). One layer
// per file would make a folder of a tokenizer and 300 shards an image no runtime starts. So:
// - a large file (OWN_LAYER_BYTES or more) keeps a layer of its own, so that a new version which shares weights
//   uploads only what changed (the layer's digest is that of the same file in the same place);
// - the other files are packed, in path order, into layers of about PACK_BYTES;
// - the whole image, base image included, has at most `maxLayers` layers (default DEFAULT_MAX_LAYERS, under all three
//   bounds with room for a base image): past it, the smallest large files are packed too, and the packs grow.
// The same files always give the same plan (sizes and paths only), so the same digests.
import { ConfigError, shown } from "../../errors.js";
import type { LocalFile } from "../walk-files.js";

/** The default bound on an image's layers, base image included: below Docker's 125 and CRI-O's 128. */
export const DEFAULT_MAX_LAYERS = 100;
/** The most layers overlayfs can stack (`OVL_MAX_STACK` in the kernel's fs/overlayfs). */
export const OVERLAYFS_MAX_LAYERS = 500;
/** A file of at least this many bytes keeps a layer of its own (while the bound allows). 16 MiB. */
export const OWN_LAYER_BYTES = 16 * 1024 * 1024;
/** A pack of smaller files is closed once it holds this many bytes (more when the bound needs fewer packs). 64 MiB. */
export const PACK_BYTES = 64 * 1024 * 1024;

/** One layer of the plan: its files in path order. `file`: a single file (olot's "file" layer); `directory`: several
 * files under `models/` (olot's "directory" layer). */
export interface PlannedLayer {
  kind: "file" | "directory";
  files: LocalFile[];
}

/** Checks a layer bound: a whole number from 1 to 500. @throws ConfigError */
export function checkMaxLayers(maxLayers: number | undefined): void {
  if (maxLayers === undefined) return;
  if (!(Number.isInteger(maxLayers) && maxLayers >= 1 && maxLayers <= OVERLAYFS_MAX_LAYERS))
    throw new ConfigError(
      `oci.maxLayers must be a whole number from 1 to ${OVERLAYFS_MAX_LAYERS} (overlayfs stacks no more), not ${shown(maxLayers)}`,
    );
}

/**
 * The layers of `files` (sorted by `relativePath`, as walkFiles gives them) on a base image of `baseLayers` layers,
 * at most `maxLayers` in all. Layers are ordered by their first file's path.
 * @throws ConfigError when the base image alone leaves no room for the model (nothing has been sent).
 */
export function planLayers(
  files: readonly LocalFile[],
  options: { maxLayers?: number | undefined; baseLayers?: number | undefined } = {},
): PlannedLayer[] {
  const maxLayers = options.maxLayers ?? DEFAULT_MAX_LAYERS;
  checkMaxLayers(maxLayers);
  const baseLayers = options.baseLayers ?? 0;
  if (files.length === 0) return [];
  const room = maxLayers - baseLayers;
  if (room < 1)
    throw new ConfigError(
      `the base image has ${baseLayers} layer${baseLayers === 1 ? "" : "s"}, which leaves no room for the model's within the bound of ${maxLayers} layer${maxLayers === 1 ? "" : "s"}; raise oci.maxLayers (Docker starts images of up to 125 layers, CRI-O 128) or use a base image with fewer layers`,
    );
  const bySize = [...files].sort((a, b) => b.size - a.size || compare(a.relativePath, b.relativePath));
  let own = bySize.filter((f) => f.size >= OWN_LAYER_BYTES);
  // Room for at least one pack when anything is left to pack.
  if (own.length < files.length || own.length > room) own = own.slice(0, room - 1);
  const owned = new Set(own);
  const rest = files.filter((f) => !owned.has(f));
  const packs = pack(rest, room - own.length);
  const layers: PlannedLayer[] = [
    ...own.map((f) => ({ kind: "file" as const, files: [f] })),
    ...packs.map((group) => ({
      kind: group.length === 1 ? ("file" as const) : ("directory" as const),
      files: group,
    })),
  ];
  return layers.sort((a, b) => compare(a.files[0]?.relativePath ?? "", b.files[0]?.relativePath ?? ""));
}

/** `files` in path order, in at most `slots` consecutive groups: each closed once it holds `target` bytes. */
function pack(files: readonly LocalFile[], slots: number): LocalFile[][] {
  if (files.length === 0) return [];
  const total = files.reduce((n, f) => n + f.size, 0);
  // With every closed group at least `target` bytes, there are at most floor(total / target) + 1 groups.
  const target =
    slots <= 1 ? Number.POSITIVE_INFINITY : Math.max(PACK_BYTES, Math.ceil(total / (slots - 1)), 1);
  const groups: LocalFile[][] = [];
  let group: LocalFile[] = [];
  let bytes = 0;
  for (const file of files) {
    group.push(file);
    bytes += file.size;
    if (bytes >= target) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** Byte order of paths (as walkFiles sorts them), whatever the locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
