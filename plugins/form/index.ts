/**
 * The web resource's entry: the global `ConversationState.Form` with onLoad / onStatusChange / onSave,
 * the names makers type in the form's event handlers. Assigned directly rather than through esbuild's
 * globalName, which would add module-export helpers to the bundle.
 */
import { createForm, type ConversationForm } from "./conversationForm";

(globalThis as typeof globalThis & { ConversationState: { Form: ConversationForm } }).ConversationState = { Form: createForm() };
