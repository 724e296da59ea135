/**
 * Route schemas. The body schema states the route's contract (the top level of a
 * RemoteExecutionContext); the route validates it with parseContext, which checks this and the
 * whole wire format in one pass, and which the Azure Functions entry shares.
 */
export const CONTEXT_BODY_SCHEMA = {
  type: "object",
  required: ["MessageName", "PrimaryEntityName"],
  properties: {
    MessageName: { type: "string", minLength: 1 },
    PrimaryEntityName: { type: "string", minLength: 1 },
    InitiatingUserAgent: { type: ["string", "null"] },
    InitiatingUserId: { type: ["string", "null"] },
    UserId: { type: ["string", "null"] },
    InputParameters: { type: ["array", "null"] },
    PreEntityImages: { type: ["array", "null"] },
    PostEntityImages: { type: ["array", "null"] },
  },
} as const;

export const HEALTH_RESPONSE_SCHEMA = {
  200: {
    type: "object",
    required: ["status", "mode"],
    properties: { status: { type: "string" }, mode: { type: "string" } },
  },
} as const;
