import { Command } from "commander";
import { describeStorageSettings } from "../../config/storage-settings.js";
import { AuthError } from "../../errors.js";
import { VERSION } from "../../version.js";
import type { CliContext } from "../context.js";
import { print, renderCard } from "../output.js";

/** `mr-cli info`: what this client talks to and how; never a secret. */
export function infoCommand(ctx: CliContext): Command {
  return new Command("info")
    .description(
      "client version, registry URL, API version in use and how it was chosen, announced deprecation, whether the token is accepted, storage settings",
    )
    .addHelpText("after", "\nExample:\n  mr-cli info -o json")
    .action(async () => {
      const mr = await ctx.registry();
      // One listing of one model tells whether the registry accepts this client (and brings any deprecation notice);
      // in auto mode the API version question comes first, and a refused token refuses it too.
      let access: "accepted" | "refused" = "accepted";
      let refusal: AuthError | undefined;
      const refused = (error: unknown) => {
        if (!(error instanceof AuthError)) throw error;
        access = "refused";
        refusal = error;
      };
      const api = await mr.apiVersion({ signal: ctx.io.signal }).catch((error: unknown) => refused(error));
      if (api)
        await mr.registeredModels
          .list({ pageSize: 1, limit: 1 })
          .toArray()
          .catch((error: unknown) => refused(error));
      const deprecation = mr.deprecation;
      const storage = describeStorageSettings(await mr.storageSettings());
      const info = {
        clientVersion: VERSION,
        registryUrl: mr.url,
        apiVersion: api?.version ?? null,
        apiVersionChosenBy: api?.chosenBy ?? null,
        ...(deprecation
          ? {
              deprecation: {
                apiVersion: deprecation.version,
                ...(deprecation.sunset ? { sunset: deprecation.sunset.toISOString().slice(0, 10) } : {}),
                ...(deprecation.successor ? { successor: deprecation.successor } : {}),
              },
            }
          : {}),
        access,
        ...(refusal ? { refusal: `${refusal.status} ${refusal.code}` } : {}),
        storage,
      };
      await print(ctx, info, () =>
        renderCard([
          ["client", `mr-cli ${VERSION}`],
          ["registry", mr.url],
          [
            "api version",
            api ? `${api.version} (chosen by ${api.chosenBy})` : "unknown (the token was refused)",
          ],
          [
            "deprecation",
            deprecation &&
              `${deprecation.version} deprecated${info.deprecation?.sunset ? `, sunset ${info.deprecation.sunset}` : ""}`,
          ],
          ["access", info.refusal ? `refused (${info.refusal})` : access],
          ...Object.entries(storage).map(([name, value]) => [`storage ${name}`, value] as [string, string]),
        ]),
      );
      // Everything is printed; the exit code still tells a script that the token was refused (exit 5).
      if (refusal) throw refusal;
    });
}
