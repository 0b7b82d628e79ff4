/** Postgres NOTIFY channel that wakes the webhook processor when a new event is stored. */
export const WEBHOOKS_CHANNEL = "inbox_webhooks";
