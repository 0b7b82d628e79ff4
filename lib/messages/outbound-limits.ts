// Meta's limits on one outgoing message that both the server checks and the composer plans with.
// Free of zod and Node APIs: the browser imports it.
import type { Platform } from "@/lib/policy/window-policy";

/** Several images may go in one message (Messenger 30, Instagram 10); any other file goes alone. */
export const MAX_IMAGES_PER_MESSAGE: Record<Platform, number> = { MESSENGER: 30, INSTAGRAM: 10 };
