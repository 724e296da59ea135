/**
 * The package's one bundled file (webhook.js, built by `npm run package:webhook`): the plain server
 * for server.js, and the Functions registration for functions.js.
 */
import type * as Azure from "./azure";

export { serve } from "./server";

/** Registers the Azure Function (functions.js, the package's "main"). */
export function registerFunctions(): void {
  // Loaded here rather than imported at the top: @azure/functions costs the plain server ~6 ms of its cold start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require("./azure") as typeof Azure).registerFunctions();
}
