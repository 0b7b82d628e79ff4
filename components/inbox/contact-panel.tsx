"use client";

import type { ReactNode } from "react";
import { contactDisplayName, type CsatRatingView, type ShownConversation } from "@/lib/conversations/conversation-view";
import { formatDateTime } from "@/lib/conversations/format-time";
import { ContactAvatar, PLATFORM_LABEL } from "./contact-avatar";
import { useNow } from "./use-now";
import { decisionFor } from "./window-badge";

const STATUS_LABEL = { OPEN: "Open", PENDING: "Pending", SNOOZED: "Snoozed", RESOLVED: "Resolved" } as const;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="space-y-0.5">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

/** The latest satisfaction survey of the conversation: its rating, or that it waits for one. */
function SatisfactionRow({ ratings, at }: { ratings: CsatRatingView[]; at: (iso: string | null) => string }) {
  const latest = ratings[ratings.length - 1]!;
  return (
    <Row label="Satisfaction">
      {latest.rating !== null ? (
        <>
          <span className="font-semibold">Rated {latest.rating}/5</span> · {at(latest.answeredAt)}
          {latest.comment ? <span className="block text-slate-600 italic">“{latest.comment}”</span> : null}
        </>
      ) : (
        <>Survey sent {at(latest.askedAt)} · no answer yet</>
      )}
    </Row>
  );
}

/** Who the person is and where the conversation stands against Meta's window, with exact times. */
export function ContactPanel({ conversation, timeZone }: { conversation: ShownConversation; timeZone: string }) {
  const now = useNow();
  const name = contactDisplayName(conversation.contact, conversation.channel.platform);
  const decision = decisionFor(conversation, now);
  const at = (iso: string | null | undefined) => (iso ? formatDateTime(new Date(iso), timeZone) : "—");
  return (
    <div className="space-y-5 p-4">
      <div className="flex flex-col items-center gap-2 text-center">
        <ContactAvatar id={conversation.contact.id} name={name} platform={conversation.channel.platform} size="lg" />
        <div>
          <p className="font-semibold text-slate-900">{name}</p>
          {conversation.contact.username ? <p className="text-sm text-slate-500">@{conversation.contact.username}</p> : null}
        </div>
      </div>
      <section aria-labelledby="contact-panel-person" className="space-y-3">
        <h3 id="contact-panel-person" className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
          Person
        </h3>
        <dl className="space-y-2.5">
          <Row label="Channel">
            {PLATFORM_LABEL[conversation.channel.platform]} · {conversation.channel.name}
          </Row>
          {conversation.contact.platformUserId ? (
            <Row label={conversation.channel.platform === "INSTAGRAM" ? "Instagram-scoped ID" : "Page-scoped ID"}>
              <span className="font-mono text-xs">{conversation.contact.platformUserId}</span>
            </Row>
          ) : null}
          <Row label="In the inbox since">{at(conversation.createdAt)}</Row>
          {conversation.adReferralAt ? <Row label="Came from an ad">{at(conversation.adReferralAt)}</Row> : null}
        </dl>
      </section>
      <section aria-labelledby="contact-panel-window" className="space-y-3">
        <h3 id="contact-panel-window" className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
          Messaging window
        </h3>
        <dl className="space-y-2.5">
          <Row label="Person's last message">{at(conversation.lastInboundAt)}</Row>
          <Row label="Normal replies until">{decision.standardWindowEndsAt ? formatDateTime(decision.standardWindowEndsAt, timeZone) : "—"}</Row>
          <Row label="Human agent replies until">
            {!conversation.channel.humanAgentEnabled
              ? "Not available: this channel lacks Meta's Human Agent feature"
              : decision.humanAgentWindowEndsAt
                ? formatDateTime(decision.humanAgentWindowEndsAt, timeZone)
                : "—"}
          </Row>
        </dl>
        <p className="text-xs text-slate-500">Times include a 5-minute safety margin before Meta&apos;s 24-hour and 7-day limits.</p>
      </section>
      <section aria-labelledby="contact-panel-conversation" className="space-y-3">
        <h3 id="contact-panel-conversation" className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
          Conversation
        </h3>
        <dl className="space-y-2.5">
          <Row label="Status">
            {STATUS_LABEL[conversation.status]}
            {conversation.status === "SNOOZED" && conversation.snoozedUntil ? ` until ${at(conversation.snoozedUntil)}` : ""}
          </Row>
          <Row label="Assignee">{conversation.assignee?.name ?? "Unassigned"}</Row>
          {conversation.firstResponseAt ? <Row label="First response">{at(conversation.firstResponseAt)}</Row> : null}
          {conversation.resolvedAt ? <Row label="Resolved">{at(conversation.resolvedAt)}</Row> : null}
          {conversation.csat?.length ? <SatisfactionRow ratings={conversation.csat} at={at} /> : null}
        </dl>
      </section>
    </div>
  );
}
