// Types of scripts/fault-proxy.mjs for the TypeScript tests.
export type FaultKind =
  | "drop-before"
  | "drop-after"
  | "reset-mid"
  | "503"
  | "500"
  | "latency"
  | "expired-token";
export interface Recorded {
  method: string;
  path: string;
  status: number | undefined;
  fault: FaultKind | "checksum" | undefined;
}
export declare const DEFAULT_KINDS: Record<FaultKind, number>;
export interface FaultProxy {
  url: string;
  requests: Recorded[];
  setRate(value: number): void;
  inject(
    when: (method: string, path: string) => boolean,
    fault: FaultKind,
    times?: number,
    ms?: number,
  ): void;
  clearInjected(): void;
  faultCounts(): Record<string, number>;
  close(): Promise<void>;
}
export declare function startFaultProxy(options: {
  target: string;
  seed?: number;
  rate?: number;
  kinds?: Partial<Record<FaultKind, number>>;
  burst?: number;
  delayMs?: number;
  faultable?: (method: string, path: string) => boolean;
  /** Refuse every request carrying one of the AWS SDK's checksum headers, as Cloudflare R2 ("501") or Backblaze B2
   * ("400") do. */
  rejectChecksums?: "501" | "400";
  /** Changes a reply's headers or body on its way back (content-length follows the new body). */
  rewriteReply?: (
    method: string,
    path: string,
    status: number,
    headers: Record<string, string | string[] | undefined>,
    body: Buffer,
  ) => { headers?: Record<string, string | string[] | undefined>; body?: Buffer } | undefined;
}): Promise<FaultProxy>;
