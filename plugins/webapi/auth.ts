/**
 * Where the bearer token comes from: DATAVERSE_TOKEN as is, or client credentials through
 * @azure/msal-node (an app registration that is an application user in the environment). Against a
 * loopback --env (the workbench's local Dataverse) no credentials are needed: no token is sent.
 * The MSAL client is created through an injected factory so tests need no Entra ID.
 */
import { ConfidentialClientApplication, type Configuration } from "@azure/msal-node";
import { WebApiError } from "./errors";

export const TOKEN_ENV = "DATAVERSE_TOKEN";
export const CLIENT_ENV = ["AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET"] as const;

export interface ClientCredentialApp {
  acquireTokenByClientCredential(request: { scopes: string[] }): Promise<{ accessToken: string } | null>;
}

export type MsalFactory = (configuration: Configuration) => ClientCredentialApp;

export const defaultMsalFactory: MsalFactory = (configuration) => new ConfidentialClientApplication(configuration);

export interface TokenSource {
  /** How the token is obtained, for messages (never the token itself). */
  readonly kind: "token" | "client-credentials" | "none";
  /** undefined for "none": requests carry no Authorization header. */
  readonly token?: () => Promise<string>;
}

/** Only a loopback environment may be plain http and go without a token: a local server, never Dataverse. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["127.0.0.1", "localhost", "[::1]"]);

export function isLoopback(env: string): boolean {
  return LOOPBACK_HOSTS.has(new URL(env).hostname);
}

/** Dataverse's scope for client credentials: the environment URL + /.default. */
export function scopeFor(env: string): string {
  return `${new URL(env).origin}/.default`;
}

/**
 * undefined when no credentials are set at all for a real environment (a dry run then works offline);
 * { kind: "none" } for a loopback environment without credentials.
 */
export function tokenSource(env: string, vars: NodeJS.ProcessEnv, factory: MsalFactory = defaultMsalFactory): TokenSource | undefined {
  const bearer = vars[TOKEN_ENV]?.trim();
  if (bearer) {
    // Accept a pasted "Bearer eyJ…" too.
    const token = bearer.replace(/^Bearer\s+/i, "");
    return { kind: "token", token: async () => token };
  }
  const present = CLIENT_ENV.filter((name) => vars[name]?.trim());
  if (present.length === 0) return isLoopback(env) ? { kind: "none" } : undefined;
  if (present.length < CLIENT_ENV.length) {
    const missing = CLIENT_ENV.filter((name) => !vars[name]?.trim());
    throw new WebApiError(
      "missing-credentials",
      `Client credentials are incomplete: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set.`,
    );
  }
  const [tenant, clientId, secret] = CLIENT_ENV.map((name) => vars[name]!.trim());
  const app = factory({ auth: { clientId, clientSecret: secret, authority: `https://login.microsoftonline.com/${tenant}` } });
  const scopes = [scopeFor(env)];
  return {
    kind: "client-credentials",
    // MSAL caches the token in memory and renews it when it nears expiry.
    token: async () => {
      let result: { accessToken: string } | null;
      try {
        result = await app.acquireTokenByClientCredential({ scopes });
      } catch (error) {
        const e = error as { errorCode?: string; message?: string };
        throw new WebApiError(
          "token",
          `Microsoft Entra ID gave no token for ${scopes[0]}: ${e.errorCode ?? "error"}: ${(e.message ?? String(error)).split("\n")[0]}`,
        );
      }
      if (!result?.accessToken) throw new WebApiError("token", `Microsoft Entra ID returned no access token for ${scopes[0]}.`);
      return result.accessToken;
    },
  };
}
