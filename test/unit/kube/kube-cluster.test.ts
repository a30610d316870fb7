// The thin Kubernetes client against a fake API server (msw): what each call sends, and how each refusal reads.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { ClusterError } from "../../../src/errors.js";
import { KubeCluster, resourcePath } from "../../../src/kube/kube-cluster.js";
import { ModelRegistry } from "../../../src/model-registry.js";
import { queryOf, useMockServer } from "../../support/msw.js";

const { server, requests } = useMockServer();
const API = "http://kube.test";
const dir = mkdtempSync(join(tmpdir(), "kube-cluster-"));
const kubeconfig = join(dir, "config");
writeFileSync(
  kubeconfig,
  `current-context: t
clusters: [{ name: c, cluster: { server: "${API}" } }]
contexts: [{ name: t, context: { cluster: c, user: u, namespace: ml } }]
users: [{ name: u, user: { token: s3cr3t-token } }]
`,
);
const connect = () => KubeCluster.connect({ kubeconfig, env: {} });
const status = (code: number, reason: string, message: string) =>
  HttpResponse.json({ kind: "Status", status: "Failure", code, reason, message }, { status: code });
const ISVC = resourcePath({
  group: "serving.kserve.io",
  version: "v1beta1",
  plural: "inferenceservices",
  namespace: "ml",
  name: "mnist-v3",
});

describe("resourcePath", () => {
  it("writes core, grouped, namespaced and cluster-wide paths", () => {
    expect(
      resourcePath({ group: "", version: "v1", plural: "services", namespace: "kubeflow", name: "mr" }),
    ).toBe("/api/v1/namespaces/kubeflow/services/mr");
    expect(ISVC).toBe("/apis/serving.kserve.io/v1beta1/namespaces/ml/inferenceservices/mnist-v3");
    expect(
      resourcePath({ group: "serving.kserve.io", version: "v1beta1", plural: "inferenceservices" }),
    ).toBe("/apis/serving.kserve.io/v1beta1/inferenceservices");
  });
});

describe("KubeCluster", () => {
  it("shows no credential when inspected, printed or serialised; nor does a registry client its token", async () => {
    const cluster = await connect();
    for (const shown of [inspect(cluster, { depth: 10 }), JSON.stringify(cluster), String(cluster)])
      expect(shown).not.toContain("s3cr3t-token");
    expect(String(cluster)).toBe(`${API} (${kubeconfig} (context t))`);
    const mr = new ModelRegistry({ url: "http://registry.test", token: "registry-s3cr3t" });
    expect(inspect(mr, { depth: 10 })).not.toContain("registry-s3cr3t");
  });

  it("applies server-side: a PATCH of apply-patch+yaml with the field manager, force and dry run", async () => {
    server.use(
      http.patch(`${API}${ISVC}`, async ({ request }) =>
        HttpResponse.json({
          ...((await request.json()) as object),
          metadata: { name: "mnist-v3", uid: "u1" },
        }),
      ),
    );
    const cluster = await connect();
    expect(cluster.namespace).toBe("ml");
    const applied = await cluster.apply(
      ISVC,
      { kind: "InferenceService" },
      { fieldManager: "model-registry", force: true, dryRun: true },
    );
    expect(applied.metadata.uid).toBe("u1");
    const [sent] = requests;
    expect(sent?.method).toBe("PATCH");
    expect(sent?.headers.get("content-type")).toBe("application/apply-patch+yaml");
    expect(sent?.headers.get("authorization")).toBe("Bearer s3cr3t-token");
    expect(queryOf(sent as Request)).toEqual({
      fieldManager: "model-registry",
      force: "true",
      dryRun: "All",
    });
  });

  it("get and delete answer undefined and false for what does not exist", async () => {
    server.use(
      http.get(`${API}${ISVC}`, () => status(404, "NotFound", 'inferenceservices "mnist-v3" not found')),
      http.delete(`${API}${ISVC}`, () => status(404, "NotFound", "gone")),
    );
    const cluster = await connect();
    expect(await cluster.get(ISVC)).toBeUndefined();
    expect(await cluster.delete(ISVC)).toBe(false);
  });

  it("a refusal is a ClusterError with the API server's reason and message, and never the token", async () => {
    server.use(
      http.patch(`${API}${ISVC}`, () =>
        status(
          422,
          "Invalid",
          'InferenceService.serving.kserve.io "mnist-v3" is invalid: spec.predictor: Required value',
        ),
      ),
      http.get(`${API}${ISVC}`, () => status(403, "Forbidden", "user cannot get inferenceservices")),
    );
    const cluster = await connect();
    const invalid = await cluster.apply(ISVC, {}, { fieldManager: "m" }).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(ClusterError);
    expect(invalid).toMatchObject({ kind: "invalid", status: 422, reason: "Invalid" });
    expect((invalid as Error).message).toMatch(
      /422 Invalid .*PATCH .*mnist-v3\): .*spec.predictor: Required value/,
    );
    const denied = await cluster.get(ISVC).catch((error: unknown) => error);
    expect(denied).toMatchObject({ kind: "auth", status: 403 });
    expect((denied as Error).message).toMatch(/check the credentials and permissions of .*context t/);
    for (const error of [invalid, denied]) expect(String((error as Error).message)).not.toContain("s3cr3t");
  });

  it("lists every page, following continue, with the label selector", async () => {
    server.use(
      http.get(`${API}/api/v1/namespaces/ml/services`, ({ request }) =>
        queryOf(request).continue === "p2"
          ? HttpResponse.json({ items: [{ metadata: { name: "b" } }], metadata: {} })
          : HttpResponse.json({ items: [{ metadata: { name: "a" } }], metadata: { continue: "p2" } }),
      ),
    );
    const cluster = await connect();
    const items = await cluster.list("/api/v1/namespaces/ml/services", {
      labelSelector: "component=model-registry",
    });
    expect(items.map((item) => item.metadata.name)).toEqual(["a", "b"]);
    expect(requests.map((r) => queryOf(r).labelSelector)).toEqual([
      "component=model-registry",
      "component=model-registry",
    ]);
  });

  it("an API server that cannot be reached is a ClusterError naming it and the kubeconfig", async () => {
    const cluster = await KubeCluster.connect({
      kubeconfig,
      env: {},
      fetch: async () => {
        throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
      },
    });
    const error = await cluster.version().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "unreachable" });
    expect((error as Error).message).toMatch(
      /cannot reach the Kubernetes API server http:\/\/kube.test .*context t.*ECONNREFUSED/,
    );
  });

  it("says whether the cluster serves a resource (KServe's CRDs installed or not)", async () => {
    server.use(
      http.get(`${API}/apis/serving.kserve.io/v1beta1`, () =>
        HttpResponse.json({
          resources: [{ name: "inferenceservices" }, { name: "inferenceservices/status" }],
        }),
      ),
      http.get(`${API}/apis/serving.kserve.io/v1alpha2`, () => status(404, "NotFound", "")),
    );
    const cluster = await connect();
    expect(await cluster.serves("serving.kserve.io", "v1beta1", "inferenceservices")).toBe(true);
    expect(await cluster.serves("serving.kserve.io", "v1alpha2", "llminferenceservices")).toBe(false);
  });
});
