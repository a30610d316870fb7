// The MIME bundle, the one type every renderer (cards, tables) and mime-bundle.ts share.

/** A Jupyter MIME bundle: one representation per media type; the front end shows the richest it supports. */
export interface MimeBundle {
  /** The text every frontend can show. */
  "text/plain": string;
  /** The HTML view (cards and tables). */
  "text/html"?: string;
  /** The value as JSON, for frontends and tools that read data. */
  "application/json"?: unknown;
  [mediaType: string]: unknown;
}
