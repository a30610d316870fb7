/** The Node.js version used for each supported major version. */
export const NODE_VERSIONS: Record<number, string>;
/** The path of the pinned Node.js binary of this major version, installed once from the npm registry into
 * .cache/runtimes/. */
export function nodeBinary(major: number): string;
