// What a set of registrations left behind that it should not have, read past any proxy: duplicate models, versions
// or artifacts; versions without their artifact; upload claims still in place; multipart uploads still open; stored
// versions that do not verify. Used by the fault suite and by `npm run bench:faults`.
import { ListMultipartUploadsCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";

const CLAIM_NAME = ".model-upload-claim"; // src/storage/manifest.ts

/**
 * @typedef {{ name: string, version: string, prefix?: string }} Registration
 * @typedef {{ duplicates: number, withoutArtifact: number, claims: number, openUploads: number, unverified: number }} Leftovers
 */

/**
 * @param {{ mr: any, s3: import("@aws-sdk/client-s3").S3Client, bucket: string }} direct a ModelRegistry and an
 *   S3Client that reach the servers directly
 * @param {Registration[]} registrations `prefix` for uploads (their folder), absent for uri registrations
 * @returns {Promise<Leftovers>}
 */
export async function leftovers(direct, registrations) {
  const { mr, s3, bucket } = direct;
  const found = { duplicates: 0, withoutArtifact: 0, claims: 0, openUploads: 0, unverified: 0 };
  for (const name of new Set(registrations.map((r) => r.name))) {
    const models = await mr.registeredModels.list({ filter: `name = "${name}"` }).toArray();
    found.duplicates += Math.max(0, models.length - 1);
    if (models.length === 0) continue;
    const versions = await mr.registeredModels.versions(models[0].id).list().toArray();
    found.duplicates += versions.length - new Set(versions.map((v) => v.name)).size;
    const wanted = new Set(registrations.filter((r) => r.name === name).map((r) => r.version));
    for (const version of versions.filter((v) => wanted.has(v.name))) {
      const artifacts = await mr.modelVersions.artifacts(version.id).list().toArray();
      if (artifacts.length === 0) found.withoutArtifact++;
      found.duplicates += Math.max(0, artifacts.length - 1);
    }
  }
  for (const r of registrations) {
    if (r.prefix === undefined) continue;
    const prefix = `${r.prefix}/`;
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
    if ((listed.Contents ?? []).some((object) => object.Key === `${prefix}${CLAIM_NAME}`)) found.claims++;
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix }));
    found.openUploads += uploads.Uploads?.length ?? 0;
    const verified = await mr
      .verifyModel({ name: r.name, version: r.version, storage: { client: s3 } })
      .catch(() => ({ ok: false }));
    if (!verified.ok) found.unverified++;
  }
  return found;
}
