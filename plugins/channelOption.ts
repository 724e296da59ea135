/** The one wording, for every command, of a --channel input that names no channel. */
import { CHANNELS } from "./lifecycle";

export const notAChannel = (input: string): string =>
  `--channel "${input}" is not a channel. Use an msdyn_channel value or one of: ${CHANNELS.map((c) => c.name).join(", ")}.`;
