// Test data: a MessageView of a plain inbound text, with any field overridden.
import type { MessageView } from "./message-view";

export function messageViewFixture(overrides: Partial<MessageView> = {}): MessageView {
  return {
    id: "m1",
    conversationId: "c",
    mid: "mid1",
    kind: "MESSAGE",
    direction: "INBOUND",
    senderKind: "CONTACT",
    agent: null,
    appId: null,
    text: "hi",
    attachments: [],
    payload: null,
    replyToMid: null,
    replyToStory: null,
    sentAt: "2026-11-02T08:00:00.000Z",
    recordedAt: "2026-11-02T08:00:00.000Z",
    editedAt: null,
    editCount: 0,
    deletedAt: null,
    reactions: [],
    messagingType: null,
    tag: null,
    sendStatus: null,
    hoursSinceInbound: null,
    error: null,
    idempotencyKey: null,
    privateReplyTo: null,
    ...overrides,
  };
}
