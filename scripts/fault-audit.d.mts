// Types of scripts/fault-audit.mjs for the TypeScript tests.
import type { S3Client } from "@aws-sdk/client-s3";
import type { ModelRegistry } from "../src/index.js";
export interface Registration {
  name: string;
  version: string;
  prefix?: string;
}
export interface Leftovers {
  duplicates: number;
  withoutArtifact: number;
  claims: number;
  openUploads: number;
  unverified: number;
}
export declare function leftovers(
  direct: { mr: ModelRegistry; s3: S3Client; bucket: string },
  registrations: Registration[],
): Promise<Leftovers>;
