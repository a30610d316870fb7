import { describe, expect, it } from "vitest";
import { wireCustomProperties } from "../../src/client/entity.js";
import { ConfigError, ConflictError, NotFoundError } from "../../src/errors.js";
import { double, filter, int } from "../../src/index.js";
import { STACK_REGISTRIES, stackRegistry } from "../support/registry.js";
import { uniqueName } from "../support/unique.js";

describe.each(STACK_REGISTRIES)("on the $label", ({ url }) => {
  const mr = stackRegistry(url);

  describe("registered models against the real server", () => {
    it("creates, gets, finds, updates, archives and restores a model", async () => {
      const name = uniqueName("rm");
      const created = await mr.registeredModels.create({
        name,
        owner: "ada",
        customProperties: { framework: "tfjs", epochs: 10 },
      });
      expect(created).toMatchObject({
        name,
        owner: "ada",
        state: "LIVE",
        customProperties: { framework: "tfjs", epochs: 10 },
      });
      expect(await mr.registeredModels.get(created.id)).toMatchObject({ id: created.id, name });
      expect(await mr.registeredModels.find({ name })).toMatchObject({ id: created.id });

      const updated = await mr.registeredModels.update(created.id, { description: "CNN" });
      expect(updated).toMatchObject({
        description: "CNN",
        owner: "ada",
        customProperties: { framework: "tfjs", epochs: 10 },
      });
      expect((await mr.registeredModels.archive(created.id)).state).toBe("ARCHIVED");
      expect((await mr.registeredModels.restore(created.id)).state).toBe("LIVE");
    });

    it("keeps an archived model archived through an unrelated update (the server alone would reset it)", async () => {
      const model = await mr.registeredModels.create({ name: uniqueName("archived"), state: "ARCHIVED" });
      await mr.registeredModels.update(model.id, { description: "still archived" });
      expect((await mr.registeredModels.get(model.id)).state).toBe("ARCHIVED");
    });

    it("pins the server's trap: a raw PATCH without state un-archives the model", async () => {
      const model = await mr.registeredModels.create({ name: uniqueName("trap"), state: "ARCHIVED" });
      const { data } = await mr.api.PATCH(
        "/api/model_registry/v1alpha3/registered_models/{registeredmodelId}",
        {
          params: { path: { registeredmodelId: model.id } },
          body: { description: "raw" },
        },
      );
      expect(data?.state).toBe("LIVE");
    });

    it("finds only the exact model when its name holds LIKE wildcards", async () => {
      const stem = uniqueName("wild");
      const exact = await mr.registeredModels.create({ name: `${stem}_a` });
      await mr.registeredModels.create({ name: `${stem}xa` });
      await mr.registeredModels.create({ name: `${stem}%b` });
      await mr.registeredModels.create({ name: `${stem}-zzz-b` });
      expect(await mr.registeredModels.find({ name: `${stem}_a` })).toMatchObject({ id: exact.id });
      expect((await mr.registeredModels.find({ name: `${stem}%b` }))?.name).toBe(`${stem}%b`);
      expect(await mr.registeredModels.find({ name: `${stem}_` })).toBeNull();
    });

    it("raises ConflictError for a duplicate name and NotFoundError for an unknown id", async () => {
      const name = uniqueName("dup");
      await mr.registeredModels.create({ name });
      await expect(mr.registeredModels.create({ name })).rejects.toBeInstanceOf(ConflictError);
      await expect(mr.registeredModels.get("2147483000")).rejects.toBeInstanceOf(NotFoundError);
    });

    it("lists through several pages in both orders with no duplicates or gaps", async () => {
      const tag = uniqueName("page");
      const ids: string[] = [];
      for (let i = 0; i < 7; i++)
        ids.push((await mr.registeredModels.create({ name: `${tag}-${i}`, customProperties: { tag } })).id);
      const where = filter.eq("tag", tag);
      const asc = await mr.registeredModels.list({ pageSize: 3, filter: where }).toArray();
      expect(asc.map((m) => m.id)).toEqual(ids);
      const desc = await mr.registeredModels
        .list({ pageSize: 2, sortOrder: "DESC", filter: where })
        .toArray();
      expect(desc.map((m) => m.id)).toEqual([...ids].reverse());
      const pages: number[] = [];
      const tokens: (string | undefined)[] = [];
      for await (const page of mr.registeredModels.list({ pageSize: 3, filter: where }).pages()) {
        pages.push(page.items.length);
        tokens.push(page.nextPageToken);
      }
      expect(pages).toEqual([3, 3, 1]);
      expect(tokens[2]).toBeUndefined();
      // A listing resumes from a page's token, in a new walk: the items after that page, and nothing before.
      const resumed = await mr.registeredModels
        .list({ pageSize: 3, filter: where, nextPageToken: tokens[0] })
        .toArray();
      expect(resumed.map((m) => m.id)).toEqual(ids.slice(3));
      expect(await mr.registeredModels.list({ pageSize: 2, limit: 5, filter: where }).toArray()).toHaveLength(
        5,
      );
    });

    it("round-trips every custom property type, and replaces the whole map on update unless merging", async () => {
      const model = await mr.registeredModels.create({
        name: uniqueName("props"),
        customProperties: {
          i: 7,
          d: 0.5,
          forcedDouble: double(3),
          forcedInt: int("12"),
          b: true,
          s: "naïve ✓",
          struct: { layers: [32, 10], nested: { ok: true } },
        },
      });
      expect(model.customProperties).toEqual({
        i: 7,
        d: 0.5,
        forcedDouble: 3,
        forcedInt: 12,
        b: true,
        s: "naïve ✓",
        struct: { layers: [32, 10], nested: { ok: true } },
      });
      expect(wireCustomProperties(model).forcedDouble?.metadataType).toBe("MetadataDoubleValue");

      const merged = await mr.registeredModels.update(
        model.id,
        { customProperties: { s: null, added: "x" } },
        { mergeCustomProperties: true },
      );
      expect(Object.keys(merged.customProperties).sort()).toEqual([
        "added",
        "b",
        "d",
        "forcedDouble",
        "forcedInt",
        "i",
        "struct",
      ]);
      expect(wireCustomProperties(merged).forcedDouble?.metadataType).toBe("MetadataDoubleValue");

      const replaced = await mr.registeredModels.update(model.id, { customProperties: { only: 1 } });
      expect(replaced.customProperties).toEqual({ only: 1 });
    });

    it("refuses an int beyond int32 before sending, where the server would answer 400", async () => {
      expect(() => int(3_000_000_000)).toThrow(ConfigError);
      const { response } = await mr.api.POST("/api/model_registry/v1alpha3/registered_models", {
        body: {
          name: uniqueName("big"),
          customProperties: { n: { metadataType: "MetadataIntValue", int_value: "3000000000" } },
        },
      });
      expect(response.status).toBe(400);
    });
  });

  describe("model versions and artifacts against the real server", () => {
    it("creates versions under a model, finds them by name, and lists them under their parent", async () => {
      const model = await mr.registeredModels.create({ name: uniqueName("mv") });
      const v1 = await mr.registeredModels.versions(model.id).create({ name: "v1", author: "ada" });
      const v2 = await mr.modelVersions.create({ name: "v_2", registeredModelId: model.id });
      expect(v1).toMatchObject({ name: "v1", registeredModelId: model.id, author: "ada", state: "LIVE" });
      expect(await mr.modelVersions.find({ name: "v1", registeredModelId: model.id })).toMatchObject({
        id: v1.id,
      });
      expect(await mr.modelVersions.find({ name: "v_2", registeredModelId: model.id })).toMatchObject({
        id: v2.id,
      });
      expect(
        await mr.modelVersions.find({
          name: "v1",
          registeredModelId: (await mr.registeredModels.create({ name: uniqueName("other") })).id,
        }),
      ).toBeNull();
      const listed = await mr.registeredModels.versions(model.id).list({ pageSize: 1 }).toArray();
      expect(listed.map((v) => v.name)).toEqual(["v1", "v_2"]);
      expect(
        await mr.registeredModels
          .versions(model.id)
          .list({ filter: filter.eq("name", "v1") })
          .toArray(),
      ).toHaveLength(1);

      await mr.modelVersions.archive(v1.id);
      await mr.modelVersions.update(v1.id, { description: "old" });
      expect(await mr.modelVersions.get(v1.id)).toMatchObject({ state: "ARCHIVED", description: "old" });
      await expect(mr.registeredModels.versions(model.id).create({ name: "v1" })).rejects.toBeInstanceOf(
        ConflictError,
      );
    });

    it("upserts artifacts of every kind under a version and narrows them by artifactType", async () => {
      const model = await mr.registeredModels.create({ name: uniqueName("art") });
      const version = await mr.registeredModels.versions(model.id).create({ name: "v1" });
      const artifacts = mr.modelVersions.artifacts(version.id);
      const ma = await artifacts.upsert({
        artifactType: "model-artifact",
        name: "weights",
        uri: "s3://models/mnist/v1",
        modelFormatName: "onnx",
        modelFormatVersion: "1",
        state: "LIVE",
      });
      await artifacts.upsert({
        artifactType: "doc-artifact",
        name: "readme",
        uri: "s3://models/mnist/README.md",
      });
      await artifacts.upsert({ artifactType: "dataset-artifact", name: "train", uri: "s3://data/mnist" });
      await artifacts.upsert({ artifactType: "metric", name: "accuracy", value: 0.98 });
      await artifacts.upsert({
        artifactType: "parameter",
        name: "epochs",
        value: "10",
        parameterType: "number",
      });
      expect((await artifacts.list().toArray()).map((a) => a.artifactType).sort()).toEqual([
        "dataset-artifact",
        "doc-artifact",
        "metric",
        "model-artifact",
        "parameter",
      ]);
      const models = await artifacts.list({ artifactType: "model-artifact" }).toArray();
      expect(models).toHaveLength(1);
      const first = models[0];
      if (first?.artifactType !== "model-artifact") throw new Error("expected a model artifact");
      expect(first.modelFormatName).toBe("onnx");

      expect(await mr.modelArtifacts.find({ name: "weights", modelVersionId: version.id })).toMatchObject({
        id: ma.id,
      });
      expect(await mr.artifacts.find({ name: "readme", parentResourceId: version.id })).toMatchObject({
        artifactType: "doc-artifact",
      });
      const updated = await mr.modelArtifacts.update(ma.id, { description: "fp32" });
      expect(updated).toMatchObject({ state: "LIVE", description: "fp32", uri: "s3://models/mnist/v1" });
      const viaGeneric = await mr.artifacts.update(ma.id, { description: "fp16" } as never);
      expect(viaGeneric).toMatchObject({
        artifactType: "model-artifact",
        description: "fp16",
        state: "LIVE",
      });
      expect((await mr.artifacts.get(ma.id)).artifactType).toBe("model-artifact");
    });

    it("creates standalone model artifacts and lists them (unfiltered: the server ignores filters there)", async () => {
      const a = await mr.modelArtifacts.create({ name: uniqueName("standalone"), uri: "s3://b/k" });
      expect(a).toMatchObject({ artifactType: "model-artifact", uri: "s3://b/k" });
      expect(await mr.modelArtifacts.get(a.id)).toMatchObject({ id: a.id });
      const all = await mr.modelArtifacts.list({ sortOrder: "DESC", limit: 20 }).toArray();
      expect(all.map((x) => x.id)).toContain(a.id);
    });
  });
});
