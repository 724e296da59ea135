/**
 * The web resource's entry: `ConversationState.Form.onLoad / onStatusChange / onSave`.
 * The strings are the control's resx files, embedded by scripts/build-form.ts.
 */
import { table } from "ocs:form-strings";
import { createForm } from "./conversationForm";

export const Form = createForm(table);
