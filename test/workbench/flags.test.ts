/**
 * register-webhook's one change for the workbench: a loopback --url may be plain http on any port,
 * but only when --env is itself loopback (the local Dataverse). Everything else is as before.
 */
import { RegistrationError } from "../../plugins/registration/errors";
import { parseWebhookUrl } from "../../plugins/registration/flags";

const LOCAL_ENV = "http://127.0.0.1:8080";
const CLOUD_ENV = "https://contoso.crm.dynamics.com";
const refused = (input: string, env?: string) => {
  try {
    parseWebhookUrl(input, env);
  } catch (error) {
    expect(error).toBeInstanceOf(RegistrationError);
    return (error as Error).message;
  }
  throw new Error(`${input} was accepted`);
};

test.each([
  ["http://127.0.0.1:7071/api/validate-status-change", LOCAL_ENV],
  ["http://localhost:51234/api/validate-status-change", "http://localhost:8080"],
  ["http://[::1]:7071/api/validate-status-change", LOCAL_ENV],
  ["https://127.0.0.1:8443/api/validate-status-change", LOCAL_ENV],
])("%s is accepted with --env %s", (url, env) => {
  expect(parseWebhookUrl(url, env)).toBe(new URL(url).toString());
});

test.each([
  ["http://127.0.0.1:7071/api/validate-status-change", CLOUD_ENV, "--url must be https"],
  ["http://127.0.0.1:7071/api/validate-status-change", undefined, "--url must be https"],
  ["http://hooks.example.net/api/validate-status-change", LOCAL_ENV, "--url must be https"],
  ["https://hooks.example.net:8443/api/validate-status-change", LOCAL_ENV, "--url uses port 8443"],
  ["https://127.0.0.1:8443/api/validate-status-change", CLOUD_ENV, "--url uses port 8443"],
  ["http://127.0.0.1:7071/api/validate-status-change?code=abc", LOCAL_ENV, "--url must have no query string"],
])("%s is refused with --env %s", (url, env, message) => {
  expect(refused(url, env)).toContain(message);
});
