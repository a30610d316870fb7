// A response becomes a value or a typed error, in one place for every server the client talks to.
import { apiErrorFor } from "../errors.js";
import type { HttpResponseView } from "./http-exchange.js";
import { redactUrl } from "./redact.js";

/** What a typed client returns for one call. */
export interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: HttpResponseView;
}

/** What a call was, for error messages. */
export interface CallContext {
  method: string;
  /** The API path, used when the response carries no URL. */
  path: string;
  /** What was asked for, e.g. `registered model "mnist"`. */
  subject?: string | undefined;
  /** Which server was asked, for hints. Default `registry`. */
  service?: "registry" | "catalog" | undefined;
}

function describeBody(
  error: unknown,
  response: HttpResponseView,
): { code: string; message: string; json?: true } {
  if (error && typeof error === "object") {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof message === "string")
      return { code: typeof code === "string" ? code : response.statusText, message, json: true };
  }
  // Not the server's JSON error shape: its 503 text while starting, a proxy's HTML page, an empty 405.
  const text = typeof error === "string" ? error.replace(/\s+/g, " ").trim() : "";
  return {
    code: response.statusText || "Error",
    message: text.length > 200 ? `${text.slice(0, 200)}…` : text,
  };
}

/** The data of a successful call, or the typed error for a failed one (the subclass picked by status). */
export function unwrap<T>(result: FetchResult<T>, call: CallContext): T {
  const { response } = result;
  if (response.ok) return result.data as T;
  const { code, message, json } = describeBody(result.error, response);
  throw apiErrorFor(
    {
      status: response.status,
      code,
      serverMessage: message,
      method: call.method,
      url: redactUrl(response.url || call.path),
      subject: call.subject,
      service: call.service,
    },
    json === true,
  );
}
