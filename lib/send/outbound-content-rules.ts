// What Meta accepts in one message, checked before anything is stored so the agent gets a 400 with a
// clear reason instead of a message Meta refuses (REFERENCE.md §3, simulator README "Send API"). Pure.
import { INSTAGRAM_TEXT_LIMIT } from "@/lib/validations/messages";
import { MAX_IMAGES_PER_MESSAGE } from "@/lib/messages/outbound-limits";
import type { Platform } from "@/lib/policy/window-policy";


export interface ContentProblem {
  field: "text" | "attachments";
  message: string;
}

/** Messenger's 2000 characters are checked by sendMessageSchema already. */
export function checkOutboundContent(
  platform: Platform,
  content: { text: string | null; attachments: { contentType: string }[] },
): ContentProblem | null {
  const { text, attachments } = content;
  if (text && attachments.length > 0) {
    return { field: "attachments", message: "Meta delivers text and files as separate messages: send the text and the attachments one after the other." };
  }
  if (text && platform === "INSTAGRAM" && Buffer.byteLength(text, "utf8") > INSTAGRAM_TEXT_LIMIT) {
    // Instagram counts UTF-8 bytes: accents take 2, most non-Latin letters 3, emoji 4.
    return {
      field: "text",
      message: `Instagram messages can be at most ${INSTAGRAM_TEXT_LIMIT} bytes (${INSTAGRAM_TEXT_LIMIT} plain letters; accented letters, other scripts and emoji count more). Shorten it or split it.`,
    };
  }
  if (attachments.length > 1) {
    if (!attachments.every((a) => a.contentType.startsWith("image/"))) {
      return { field: "attachments", message: "Several files in one message must all be images; send other files one per message." };
    }
    if (attachments.length > MAX_IMAGES_PER_MESSAGE[platform]) {
      return { field: "attachments", message: `Send at most ${MAX_IMAGES_PER_MESSAGE[platform]} images in one message.` };
    }
  }
  return null;
}
