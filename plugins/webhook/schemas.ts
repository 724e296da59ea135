/**
 * Route schemas, compiled by Fastify at start-up (a bad schema fails at boot, not on a request).
 * The body schema checks only the top level, cheaply, before the handler runs; the full
 * wire-format check is parseContext's, which the Azure Functions entry shares.
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

export const VALIDATE_QUERY_SCHEMA = {
  type: "object",
  properties: { code: { type: "string" } },
} as const;

export const HEALTH_RESPONSE_SCHEMA = {
  200: {
    type: "object",
    required: ["status", "mode"],
    properties: { status: { type: "string" }, mode: { type: "string" } },
  },
} as const;
