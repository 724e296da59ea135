/** The webhook's route: the server listens on it and register-webhook points Dataverse at it. */
export const VALIDATE_PATH = "/api/validate-status-change";
