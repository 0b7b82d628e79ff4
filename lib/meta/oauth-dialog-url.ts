// Facebook Login's dialog for connecting Pages (meta-simulator/README.md "OAuth"). Pure.

/**
 * Permissions the inbox asks for: list Pages, read and answer their Messenger and Instagram conversations, and
 * their comments (read, answer publicly, hide/delete; private replies go through the messaging permissions).
 */
export const OAUTH_SCOPES = [
  "pages_show_list",
  "pages_messaging",
  "pages_manage_metadata",
  "pages_read_engagement",
  "instagram_basic",
  "instagram_manage_messages",
  "pages_read_user_content",
  "pages_manage_engagement",
  "instagram_manage_comments",
] as const;

export function oauthDialogUrl(input: { dialogBaseUrl: string; version: string; appId: string; redirectUri: string; state: string }): string {
  const url = new URL(`${input.dialogBaseUrl.replace(/\/+$/, "")}/${input.version}/dialog/oauth`);
  url.searchParams.set("client_id", input.appId);
  url.searchParams.set("redirect_uri", input.redirectUri);
  url.searchParams.set("state", input.state);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", OAUTH_SCOPES.join(","));
  return url.toString();
}
