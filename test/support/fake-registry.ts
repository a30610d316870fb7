// A registry in memory behind an injected fetch: one model tree (models, versions, their artifacts), enough for the
// workflows' lookups, creates, listings of a model's versions and changes of a model's properties, with every
// request recorded and faults on demand (a lost reply, a 500).
type Entity = Record<string, unknown> & { id: string; name: string };

/** An in-memory registry of one model tree that can lose replies: `lose(n)` makes the n-th request's reply vanish
 * after the server acted on it. Records every request as `METHOD path`. */
export function fakeRegistry() {
  const models: Entity[] = [];
  const versions: (Entity & { registeredModelId: string })[] = [];
  const artifacts: (Entity & { versionId: string })[] = [];
  const log: string[] = [];
  const lost = new Set<number>();
  const failing = new Set<number>();
  let nextId = 1;
  const json = (body: unknown, status = 200) => Response.json(body, { status });
  const notFound = () => json({ code: "Not Found", message: "no entity found: not found" }, 404);
  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const path = url.pathname.replace("/api/model_registry/v1alpha3", "");
    const body = request.method === "POST" ? ((await request.json()) as Entity) : undefined;
    const q = url.searchParams;
    if (request.method === "GET" && path === "/registered_model")
      return models.find((m) => m.name === q.get("name"))
        ? json(models.find((m) => m.name === q.get("name")))
        : notFound();
    if (request.method === "GET" && path === "/model_version") {
      const found = versions.find(
        (v) => v.name === q.get("name") && v.registeredModelId === q.get("parentResourceId"),
      );
      return found ? json(found) : notFound();
    }
    const versionArtifacts = /^\/model_versions\/(\d+)\/artifacts$/.exec(path);
    if (request.method === "GET" && versionArtifacts) {
      const items = artifacts.filter((a) => a.versionId === versionArtifacts[1]);
      return json({ items, size: items.length, pageSize: 10, nextPageToken: "" });
    }
    if (request.method === "POST" && path === "/registered_models") {
      if (models.some((m) => m.name === body?.name))
        return json({ code: "Conflict", message: "exists: conflict" }, 409);
      const model = { ...body, id: String(nextId++) } as Entity;
      models.push(model);
      return json(model, 201);
    }
    const modelVersions = /^\/registered_models\/(\d+)\/versions$/.exec(path);
    if (request.method === "POST" && modelVersions) {
      const registeredModelId = modelVersions[1] ?? "";
      if (versions.some((v) => v.name === body?.name && v.registeredModelId === registeredModelId))
        return json({ code: "Conflict", message: "exists: conflict" }, 409);
      const version = { ...body, id: String(nextId++), registeredModelId } as Entity & {
        registeredModelId: string;
      };
      versions.push(version);
      return json(version, 201);
    }
    if (request.method === "POST" && versionArtifacts) {
      const versionId = versionArtifacts[1] ?? "";
      if (artifacts.some((a) => a.versionId === versionId && a.name === body?.name))
        return json({ code: "Conflict", message: "exists: conflict" }, 409);
      const artifact = { ...body, id: String(nextId++), versionId } as Entity & { versionId: string };
      artifacts.push(artifact);
      return json(artifact, 201);
    }
    if (request.method === "GET" && modelVersions) {
      const items = versions.filter((v) => v.registeredModelId === modelVersions[1]);
      return json({ items, size: items.length, pageSize: items.length, nextPageToken: "" });
    }
    const oneModel = /^\/registered_models\/(\d+)$/.exec(path);
    const model = oneModel && models.find((m) => m.id === oneModel[1]);
    if (request.method === "GET" && oneModel) return model ? json(model) : notFound();
    if (request.method === "PATCH" && model) {
      Object.assign(model, (await request.json()) as Entity);
      return json(model);
    }
    return json({ code: "Bad Request", message: `unexpected ${request.method} ${path}` }, 400);
  };
  const fetch = async (request: Request): Promise<Response> => {
    const n = log.push(
      `${request.method} ${new URL(request.url).pathname.replace("/api/model_registry/v1alpha3", "")}`,
    );
    if (failing.has(n)) return new Response("upstream failed", { status: 500 });
    const response = await handle(request);
    if (lost.has(n))
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
      });
    return response;
  };
  return {
    fetch,
    log,
    models,
    versions,
    artifacts,
    lose: (n: number) => lost.add(n),
    fail: (n: number) => failing.add(n),
  };
}
