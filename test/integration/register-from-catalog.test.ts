// registerFromCatalog against the stack's catalog and both registries: the three entities carry the catalog's facts
// and point back at the catalog entry; a second run is unchanged; another artifact on the same version is refused
// before any write; a missing model or artifact is a typed error that names what the catalog has.
import { describe, expect, it } from "vitest";
import { ModelCatalog } from "../../src/catalog/model-catalog.js";
import { EntityNotFoundError, NotFoundError, VersionConflictError } from "../../src/errors.js";
import { STACK_REGISTRIES, stackRegistry } from "../support/registry.js";
import { stackEnv, stackSetting } from "../support/stack-env.js";
import { uniqueName } from "../support/unique.js";

// Each registry generation with each catalog generation (the stack's catalog serves both).
const CASES = STACK_REGISTRIES.flatMap((registry) =>
  (["v1", "v1alpha1"] as const).map((catalogApi) => ({ ...registry, catalogApi })),
);

describe.runIf(stackEnv().MODEL_CATALOG_URL !== undefined).each(CASES)(
  "registerFromCatalog on the $label, catalog API $catalogApi",
  ({ url, catalogApi }) => {
    const catalog = () =>
      new ModelCatalog({ url: stackSetting("MODEL_CATALOG_URL"), apiVersion: catalogApi });

    it("creates model, version and artifact with the catalog's facts and provenance; a re-run is unchanged", async () => {
      const mr = stackRegistry(url);
      const name = uniqueName("catalog-digits");
      const params = {
        catalog: catalog(),
        source: "stack_demo",
        model: "acme/digits-onnx",
        version: "1.0",
        name,
      };
      const plan = await mr.planRegisterFromCatalog(params);
      expect(plan).toMatchObject({ status: "created", uri: "oci://quay.io/acme/digits-onnx:1.0" });

      const first = await mr.registerFromCatalog(params);
      expect(first.status).toBe("created");
      expect(first.catalogModel.name).toBe("acme/digits-onnx");
      const facts = {
        license: "Apache 2.0",
        license_link: "https://www.apache.org/licenses/LICENSE-2.0.txt",
        provider: "Acme Labs",
        tasks: "image-classification",
        language: "en",
        maturity: "Production",
        library_name: "onnx",
      };
      const model = await mr.registeredModels.get(first.registeredModel.id);
      expect(model.description).toBe(first.catalogModel.description);
      expect(model.customProperties).toMatchObject(facts);
      expect(model.customProperties.readme).toMatch(/^# digits-onnx\n/);
      const version = await mr.modelVersions.get(first.modelVersion.id);
      expect(version).toMatchObject({ name: "1.0", description: first.catalogModel.description });
      expect(version.customProperties).toMatchObject(facts);
      const artifact = await mr.getModelArtifact(name, "1.0");
      expect(artifact).toMatchObject({
        uri: "oci://quay.io/acme/digits-onnx:1.0",
        modelFormatName: "onnx",
        modelSourceKind: "catalog",
        modelSourceClass: "stack_demo",
        modelSourceGroup: "acme",
        modelSourceName: "acme/digits-onnx",
        modelSourceId: "stack_demo:acme/digits-onnx",
      });

      const again = await mr.registerFromCatalog(params);
      expect(again.status).toBe("unchanged");
      expect(again.modelArtifact.id).toBe(first.modelArtifact.id);
      expect(await mr.planRegisterFromCatalog(params)).toMatchObject({ status: "unchanged" });
    });

    it("takes the artifact named by URI, refuses another on the same version, and names the ones there are", async () => {
      const mr = stackRegistry(url);
      const name = uniqueName("catalog-llm");
      const base = { catalog: catalog(), source: "stack_community", model: "community/tiny-llm-1b", name };
      const https = "https://models.example.com/community/tiny-llm-1b.tar.gz";
      const made = await mr.registerFromCatalog({ ...base, version: "1", artifactUri: https });
      expect(made.modelArtifact.uri).toBe(https);
      expect(made.registeredModel.name).toBe(name);

      const other = await mr.registerFromCatalog({ ...base, version: "1" }).catch((e: unknown) => e);
      expect(other).toBeInstanceOf(VersionConflictError);
      expect((await mr.getModelArtifact(name, "1"))?.uri).toBe(https);

      const wrong = await mr
        .registerFromCatalog({ ...base, version: "2", artifactUri: "oci://nowhere/x:1" })
        .catch((e: unknown) => e);
      expect(wrong).toBeInstanceOf(EntityNotFoundError);
      expect(String(wrong)).toContain("oci://quay.io/community/tiny-llm-1b:modelcar");
      expect(String(wrong)).toMatch(/does not exist in the model catalog at http/);
      expect(await mr.getModelVersion(name, "2")).toBeNull();
    });

    it("defaults the registered model's name to the catalog model's; a missing catalog model is a NotFoundError", async () => {
      const mr = stackRegistry(url);
      const missing = await mr
        .registerFromCatalog({ catalog: catalog(), source: "stack_demo", model: "acme/nope", version: "1" })
        .catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(NotFoundError);
      expect(String(missing)).toMatch(/catalog model "acme\/nope" of source "stack_demo"/);
      const version = uniqueName("v");
      const made = await mr.registerFromCatalog({
        catalog: catalog(),
        source: "stack_demo",
        model: "acme/sentiment-small",
        version,
        metadata: { reviewed: true },
      });
      expect(made.registeredModel.name).toBe("acme/sentiment-small");
      expect(made.modelArtifact.uri).toBe("s3://models/acme/sentiment-small/");
      expect(made.modelVersion.customProperties).toMatchObject({ reviewed: true, license: "MIT" });
    });
  },
);
