// The MIME bundle, the one type every renderer (cards, tables) and mime-bundle.ts share.

/** A Jupyter MIME bundle: one representation per media type; the front end shows the richest it supports. */
export interface MimeBundle {
  "text/plain": string;
  "text/html"?: string;
  "application/json"?: unknown;
  [mediaType: string]: unknown;
}
