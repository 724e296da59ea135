/**
 * A PCF context for the control, with what the control uses and nothing else: parameters (the bound
 * column from the form, the maker's inputs), resources (the real resx strings), userSettings,
 * fluentDesignLanguage, mode, client, webAPI, utils.getEntityMetadata and events. Each member
 * follows the PCF API reference; the Web API calls go to the workbench's local Dataverse.
 */
import type { Theme } from "@fluentui/react-components";
import { getEntityMetadata } from "./metadata";
import type { Row } from "./xrmForm";
import { webApi } from "./webApi";

export interface ContextOptions {
  /** Raw property values: statusUpdatedOn (a Date), entityId, entityName and the maker's inputs. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** The bound column the user may not read (column security): the value is masked. */
  readonly masked?: boolean;
  readonly disabled?: boolean;
  readonly strings: Readonly<Record<string, string>>;
  readonly languageId: number;
  readonly theme: Theme;
  readonly dark: boolean;
  readonly offline?: boolean;
  /** context.events: the handlers the form script added through addEventHandler. */
  readonly events: Record<string, (payload: unknown) => void>;
  /** Columns column security hides from this user: the Web API returns them without a value. */
  readonly hiddenColumns?: readonly string[];
}

export function pcfContext(options: ContextOptions): ComponentFramework.Context<unknown> {
  const parameters: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(options.parameters)) {
    parameters[name] =
      name === "statusUpdatedOn"
        ? { raw: options.masked ? null : raw, security: { readable: !options.masked, editable: false, secured: !!options.masked } }
        : { raw };
  }
  const hide = (row: Row): Row => {
    for (const column of options.hiddenColumns ?? []) if (column in row) row[column] = null;
    return row;
  };
  const offline = (): Promise<never> => Promise.reject({ errorCode: 0, message: "You're offline." });
  return {
    parameters,
    resources: { getString: (key: string) => options.strings[key] ?? key, getResource: () => undefined },
    userSettings: { isRTL: options.languageId === 1025, languageId: options.languageId, userId: "", userName: "" },
    fluentDesignLanguage: { isDarkTheme: options.dark, tokenTheme: options.theme },
    mode: { isControlDisabled: options.disabled === true, isVisible: true, label: "", allocatedHeight: -1, allocatedWidth: -1 },
    client: {
      isOffline: () => options.offline === true,
      isNetworkAvailable: () => options.offline !== true,
      getClient: () => "Web",
      getFormFactor: () => 1,
    },
    webAPI: {
      retrieveRecord: (table: string, id: string, query?: string) =>
        options.offline ? offline() : webApi.retrieveRecord(table, id, query).then(hide),
    },
    utils: { getEntityMetadata: (table: string, columns?: string[]) => (options.offline ? offline() : getEntityMetadata(table, columns)) },
    events: options.events,
  } as unknown as ComponentFramework.Context<unknown>;
}
