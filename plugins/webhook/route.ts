/** The webhook's routes: the servers listen on them and register-webhook points Dataverse at VALIDATE_PATH. */

/** Azure Functions serves HTTP functions under a route prefix: "api" unless host.json's extensions.http.routePrefix says otherwise. */
export const ROUTE_PREFIX = "api";
/** The function's route, below the prefix. */
export const FUNCTION_ROUTE = "validate-status-change";
export const VALIDATE_PATH = `/${ROUTE_PREFIX}/${FUNCTION_ROUTE}`;
export const HEALTH_PATH = "/healthz";
