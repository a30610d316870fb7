/** The path of a Node.js binary of this major version, installed once from the npm registry into .cache/runtimes/. */
export function nodeBinary(major: number): string;
