// A real HTTP server on 127.0.0.1 that sends its headers and then stalls: the time limit must cover the body too.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectionError, ModelRegistry } from "../../src/index.js";

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.write('{"id":"1",'); // …and never the rest
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("an answer whose body stalls", () => {
  it("is a ConnectionError once the time limit passes", async () => {
    const failure = new ModelRegistry({ url, timeout: 200, retry: false }).registeredModels.get("1");
    await expect(failure).rejects.toBeInstanceOf(ConnectionError);
    await expect(failure).rejects.toThrow(/no response from the Model Registry within 200 ms/);
  });
});
