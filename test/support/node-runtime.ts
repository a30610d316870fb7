// Node.js binaries of other major versions for the runtime tests: scripts/node-runtime.mjs installs them from npm.
export { nodeBinary } from "../../scripts/node-runtime.mjs";
