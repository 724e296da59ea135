/**
 * The RESX web resources the form library reads its strings from. The solution ships each
 * components/ConversationState/strings/ConversationState.<lcid>.resx as `${STRINGS_WEB_RESOURCE}.<lcid>.resx`
 * and declares them as dependencies of the library, so the platform loads them with it.
 * Node code (the solution packer) imports this name too: keep this file free of Xrm.
 */
export const STRINGS_WEB_RESOURCE = "ocs_/conversationstate/strings";
