// The shape of a model manifest, shared by manifest.ts (building, reading, comparing) and manifest-problem.ts
// (checking one).

/** One file in a manifest. */
export interface ManifestEntry {
  /** Path relative to the model root, `/`-separated. */
  path: string;
  /** Size in bytes. */
  size: number;
  /** SHA-256 of the content, lowercase hex. */
  sha256: string;
}

/** The files of a model version with their sizes and hashes. */
export interface Manifest {
  /** Format version; always 1. */
  version: 1;
  /** The files, sorted by path. */
  files: ManifestEntry[];
  /** The sum of the files' sizes. */
  totalBytes: number;
  /** The number of files. */
  fileCount: number;
}
