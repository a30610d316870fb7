// Where mr-cli keeps its config file (its contexts); reading and writing it is config/cli-config.ts's.
import { homedir } from "node:os";
import { join } from "node:path";

/** `$MR_CLI_CONFIG`, else `$XDG_CONFIG_HOME/mr-cli/config.yaml`, else `~/.config/mr-cli/config.yaml`. */
export function cliConfigPath(env: Record<string, string | undefined>): string {
  if (env.MR_CLI_CONFIG) return env.MR_CLI_CONFIG;
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config"), "mr-cli", "config.yaml");
}
