import { describe, expect, it } from "vitest";
import type { ModelArtifact, ModelVersion, RegisteredModel } from "../../../src/client/entities.js";
import { decodeEntity } from "../../../src/client/entity.js";
import { Paginated } from "../../../src/client/paginate.js";
import type * as wire from "../../../src/client/types.js";
import { escapeHtml } from "../../../src/notebook/html.js";
import { toMimeBundle } from "../../../src/notebook/mime-bundle.js";
import type { RegisterModelResult } from "../../../src/workflows/register/register-model.js";

const EVIL = `<img src=x onerror="alert('x')">&`;

const model = (id: string, extra: Partial<wire.RegisteredModel> = {}): RegisteredModel =>
  decodeEntity({
    id,
    name: `model-${id}`,
    state: "LIVE",
    owner: "ada",
    createTimeSinceEpoch: "1764142212000",
    lastUpdateTimeSinceEpoch: "1764142212000",
    customProperties: {
      accuracy: { metadataType: "MetadataDoubleValue", double_value: 0.98 },
      epochs: { metadataType: "MetadataIntValue", int_value: "10" },
    },
    ...extra,
  } satisfies wire.RegisteredModel);

const version = decodeEntity({
  id: "7",
  name: "v2",
  registeredModelId: "3",
  state: "LIVE",
  author: "ada",
  customProperties: {},
} satisfies wire.ModelVersion) as ModelVersion;

const artifact = decodeEntity({
  id: "9",
  artifactType: "model-artifact",
  name: "mnist",
  uri: "s3://models/mnist/v2",
  modelFormatName: "onnx",
  modelFormatVersion: "1",
  customProperties: {},
} satisfies wire.ModelArtifact) as ModelArtifact;

/** Every text between tags, i.e. what a reader sees. */
const visibleText = (html: string) => html.replace(/<[^>]*>/g, " ");

describe("escapeHtml", () => {
  it("shows a modelcar artifact's image reference and manifest digest first", async () => {
    const digest = `sha256:${"b".repeat(64)}`;
    const modelcar = decodeEntity({
      id: "11",
      artifactType: "model-artifact",
      name: "mnist",
      uri: "oci://quay.io/acme/mnist:v3",
      customProperties: {
        oci_manifest_digest: { metadataType: "MetadataStringValue", string_value: digest },
      },
    } satisfies wire.ModelArtifact);
    const bundle = await toMimeBundle(modelcar);
    const lines = (bundle["text/plain"] as string).split("\n");
    expect(lines[1]).toMatch(/^\s+image\s+quay\.io\/acme\/mnist:v3$/);
    expect(lines[2]).toMatch(new RegExp(`^\\s+image digest\\s+${digest}$`));
    expect(visibleText(bundle["text/html"] as string)).toContain("quay.io/acme/mnist:v3");
    expect((await toMimeBundle(artifact))["text/plain"]).not.toContain("image");
  });

  it("escapes the five characters that matter in content and attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });
});

describe("an entity's card", () => {
  it("shows kind, name, id, state, fields and custom properties with their metadata types", async () => {
    const bundle = await toMimeBundle(model("3"));
    const html = bundle["text/html"] as string;
    expect(visibleText(html)).toContain("registered model");
    expect(html).toContain("<strong>model-3</strong>");
    expect(html).toContain("id 3");
    expect(html).toContain(">LIVE</span>");
    expect(html).toContain("2025-11-26 07:30:12"); // createTimeSinceEpoch as UTC time
    expect(visibleText(html)).toMatch(/accuracy\s+0\.98\s+double/);
    expect(visibleText(html)).toMatch(/epochs\s+10\s+int/);
    expect(bundle["text/plain"]).toMatch(/^registered model "model-3" \(id 3, LIVE\)\n/);
    expect(bundle["text/plain"]).toMatch(/owner\s+ada/);
    expect(bundle["application/json"]).toEqual(JSON.parse(JSON.stringify(model("3"))));
  });

  it("escapes every value a user wrote: name, description, custom property keys and values", async () => {
    const evil = model("4", {
      name: EVIL,
      description: EVIL,
      customProperties: { [EVIL]: { metadataType: "MetadataStringValue", string_value: EVIL } },
    });
    const html = (await toMimeBundle(evil))["text/html"] as string;
    expect(html).not.toContain("<img");
    expect(html).not.toContain(`onerror="`);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;");
  });

  it("names each kind from its shape: version, artifact, inference service, serving environment", async () => {
    const service = decodeEntity({
      id: "5",
      name: "svc",
      servingEnvironmentId: "4",
      registeredModelId: "3",
      desiredState: "DEPLOYED",
      customProperties: {},
    } satisfies wire.InferenceService);
    const environment = decodeEntity({
      id: "4",
      name: "prod",
      customProperties: {},
    } satisfies wire.ServingEnvironment);
    const text = async (value: unknown) => (await toMimeBundle(value))["text/plain"].split("\n")[0];
    expect(await text(version)).toBe('model version "v2" (id 7, LIVE)');
    expect(await text(artifact)).toBe('model artifact "mnist" (id 9)');
    expect(await text(service)).toBe('inference service "svc" (id 5, DEPLOYED)');
    expect(await text(environment)).toBe('serving environment "prod" (id 4)');
  });

  it("uses the kind the client tagged the entity with over its shape", async () => {
    const experiment = decodeEntity(
      { id: "6", name: "exp", state: "LIVE", customProperties: {} },
      "experiment",
    );
    expect((await toMimeBundle(experiment))["text/plain"]).toMatch(/^experiment "exp"/);
  });
});

describe("a list of entities", () => {
  it("is a table with columns for its kind and the shown entities as JSON", async () => {
    const bundle = await toMimeBundle([model("1"), model("2")]);
    const html = bundle["text/html"] as string;
    expect(html).toContain("<th");
    expect(html.match(/<tr>/g)).toHaveLength(3); // header and two rows
    expect(visibleText(html)).toContain("2 registered models");
    expect(visibleText(html)).toContain("accuracy=0.98, epochs=10");
    expect(bundle["text/plain"].split("\n")[1]).toMatch(/^id\s+name\s+state\s+owner/);
    expect(bundle["application/json"]).toHaveLength(2);
  });

  it("is cut at maxRows with a count of the rest", async () => {
    const many = Array.from({ length: 57 }, (_, i) => model(String(i + 1)));
    const bundle = await toMimeBundle(many, { maxRows: 50 });
    expect((bundle["text/html"] as string).match(/<tr>/g)).toHaveLength(51);
    expect(bundle["text/html"]).toContain("… and 7 more");
    expect(bundle["text/plain"]).toContain("57 registered models, first 50 shown");
    expect(bundle["text/plain"].trimEnd().endsWith("… and 7 more")).toBe(true);
    expect(bundle["application/json"]).toHaveLength(50);
  });

  it("escapes cells", async () => {
    const html = (await toMimeBundle([model("1", { name: EVIL })]))["text/html"] as string;
    expect(html).not.toContain("<img");
  });

  it("says when it is empty", async () => {
    expect((await toMimeBundle([]))["text/plain"]).toBe("no items");
  });
});

describe("a listing (Paginated)", () => {
  const listing = (count: number, pageSize: number) =>
    new Paginated<RegisteredModel>(
      async (query) => {
        const start = Number(query.nextPageToken ?? 0);
        const size = Number(query.pageSize);
        const end = Math.min(count, start + size);
        const items = Array.from({ length: end - start }, (_, i) => model(String(start + i + 1)));
        return { items, nextPageToken: end < count ? String(end) : "" };
      },
      { pageSize },
    );

  it("fetches what it shows and counts the rest", async () => {
    const bundle = await toMimeBundle(listing(120, 50), { maxRows: 50 });
    expect(bundle["text/plain"]).toContain("120 registered models, first 50 shown");
    expect(bundle["text/html"]).toContain("… and 70 more");
  });

  it("stops counting at countLimit and says there are at least that many", async () => {
    const bundle = await toMimeBundle(listing(5000, 100), { maxRows: 10, countLimit: 300 });
    expect(bundle["text/plain"]).toContain("at least 300 registered models, first 10 shown");
    expect(bundle["text/plain"]).toContain("… and at least 290 more");
  });
});

describe("registerModel's result", () => {
  it("is one card: model, version, artifact, uri, files and the version's metadata", async () => {
    const result: RegisterModelResult = {
      registeredModel: model("3", { name: "mnist" }),
      modelVersion: decodeEntity({
        ...version,
        customProperties: { accuracy: { metadataType: "MetadataDoubleValue", double_value: 0.91 } },
      }) as ModelVersion,
      modelArtifact: artifact,
      uri: "s3://models/mnist/v2",
      status: "created",
      manifest: { digest: "ab12", totalBytes: 3 * 1024 * 1024, fileCount: 2 },
    };
    const bundle = await toMimeBundle(result);
    const text = visibleText(bundle["text/html"] as string);
    expect(text).toContain("mnist");
    expect(text).toContain("created");
    expect(text).toMatch(/model version\s+v2 \(id 7, LIVE, author ada\)/);
    expect(text).toMatch(/model artifact\s+mnist \(id 9, onnx 1\)/);
    expect(text).toContain("s3://models/mnist/v2");
    expect(text).not.toContain("store"); // no custom endpoint recorded: nothing to show
    expect(text).toContain("2 files, 3.00 MiB");
    expect(text).toMatch(/accuracy\s+0\.91\s+double/);
    expect(bundle["text/plain"]).toMatch(/^mnist v2: registered\n/);
  });

  it("shows where a custom S3 store is, which the plain URI does not say", async () => {
    const withStore = decodeEntity({
      id: "9",
      artifactType: "model-artifact",
      name: "mnist",
      uri: "s3://models/mnist/v2/",
      customProperties: {
        s3_endpoint: { metadataType: "MetadataStringValue", string_value: "http://minio:9000" },
        s3_region: { metadataType: "MetadataStringValue", string_value: "us-east-1" },
      },
    } satisfies wire.ModelArtifact) as ModelArtifact;
    const bundle = await toMimeBundle({
      registeredModel: model("3", { name: "mnist" }),
      modelVersion: version,
      modelArtifact: withStore,
      uri: "s3://models/mnist/v2/",
      status: "created",
    } satisfies RegisterModelResult);
    expect(visibleText(bundle["text/html"] as string)).toMatch(
      /uri\s+s3:\/\/models\/mnist\/v2\/\s+store\s+http:\/\/minio:9000, region us-east-1/,
    );
    expect(bundle["text/plain"]).toMatch(/store\s+http:\/\/minio:9000, region us-east-1/);
  });
});

describe("deploy's and undeploy's results", () => {
  const service = decodeEntity({
    id: "12",
    name: "mnist-v2",
    servingEnvironmentId: "4",
    registeredModelId: "3",
    modelVersionId: "7",
    runtime: "ovms",
    desiredState: "DEPLOYED",
    customProperties: {},
  } satisfies wire.InferenceService);

  it("is one card: the service, what happened to it, and what it serves where", async () => {
    const environment = decodeEntity({ id: "4", name: EVIL, customProperties: {} });
    const bundle = await toMimeBundle({
      inferenceService: service,
      servingEnvironment: environment,
      action: "created",
    });
    const html = bundle["text/html"] as string;
    expect(html).toContain("<strong>mnist-v2</strong>");
    expect(html).toContain(">DEPLOYED</span>");
    expect(html).toContain(">created</span>");
    expect(html).not.toContain("<img");
    expect(visibleText(html)).toMatch(/modelVersion\s+id 7/);
    expect(bundle["text/plain"]).toMatch(/^inference service "mnist-v2": created, DEPLOYED\n/);
  });

  it("undeploy's result (the service and the action) too", async () => {
    const bundle = await toMimeBundle({
      inferenceService: { ...service, desiredState: "UNDEPLOYED" },
      action: "undeployed",
    });
    expect(bundle["text/plain"]).toMatch(/^inference service "mnist-v2": undeployed, UNDEPLOYED/);
  });
});

describe("anything else", () => {
  it("is JSON text", async () => {
    expect(await toMimeBundle({ a: 1 })).toEqual({
      "text/plain": '{\n  "a": 1\n}',
      "application/json": { a: 1 },
    });
  });
});

describe("the catalogs beside the models", () => {
  const server = () =>
    decodeEntity(
      {
        id: "7",
        name: "registry-browser",
        sourceId: "stack_mcp",
        provider: EVIL,
        toolCount: 1,
        transports: ["http", "sse"],
        customProperties: {},
        tools: [
          decodeEntity(
            {
              id: "1",
              name: "get_model",
              accessType: "read_only",
              parameters: [{ name: "name", type: "string", required: true }],
              customProperties: {},
            },
            "catalog mcp tool",
          ),
        ],
      },
      "catalog mcp server",
    );

  it("shows an MCP server as a card of its view's rows, with its tools as a table below", async () => {
    const bundle = await toMimeBundle(server());
    const html = String(bundle["text/html"]);
    expect(html).not.toContain("<img");
    expect(visibleText(html)).toContain("catalog mcp server");
    expect(visibleText(html)).toMatch(/transports\s+http, sse/);
    expect(visibleText(html)).toMatch(/get_model\s+read_only\s+name\*: string/);
    expect(String(bundle["text/plain"])).toMatch(/^catalog mcp server "registry-browser" \(id 7\)/);
    expect(bundle["application/json"]).toMatchObject({
      name: "registry-browser",
      tools: [{ name: "get_model" }],
    });
  });

  it("shows a list of agents as a table of their view's columns", async () => {
    const agents = ["writer", "watcher"].map((name, i) =>
      decodeEntity(
        {
          id: String(i),
          name,
          sourceId: "a",
          framework: "langgraph",
          labels: ["x", "y"],
          customProperties: {},
        },
        "catalog agent",
      ),
    );
    const html = String((await toMimeBundle(agents))["text/html"]);
    expect(visibleText(html)).toMatch(/2 catalog agents/);
    expect(visibleText(html)).toMatch(/framework/);
    expect(visibleText(html)).toMatch(/x, y/);
  });
});
