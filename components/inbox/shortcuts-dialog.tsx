"use client";

import { Button } from "@/components/ui/button";
import { ModalDialog } from "@/components/ui/modal-dialog";

export const SHORTCUTS: { keys: string[]; action: string }[] = [
  { keys: ["j", "k"], action: "Next / previous conversation in the list" },
  { keys: ["Enter"], action: "Open the highlighted conversation" },
  { keys: ["r"], action: "Reply: focus the message box" },
  { keys: ["Esc"], action: "Leave the message box (the draft is kept)" },
  { keys: ["e"], action: "Resolve the open conversation and open the next one" },
  { keys: ["a"], action: "Assign the open conversation to me" },
  { keys: ["/"], action: "Search conversations" },
  { keys: ["?"], action: "Show these shortcuts" },
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <ModalDialog open={open} onClose={onClose} title="Keyboard shortcuts" description="They work anywhere in the inbox except while you type in a field.">
      <table className="w-full text-sm">
        <caption className="sr-only">Keyboard shortcuts</caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td className="py-2 pr-4 whitespace-nowrap">
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 ? <span className="px-1 text-slate-400">/</span> : null}
                    <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-800 shadow-[0_1px_0_theme(colors.slate.300)]">{k}</kbd>
                  </span>
                ))}
              </td>
              <td className="py-2 text-slate-700">{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex justify-end">
        <Button variant="secondary" onClick={onClose} autoFocus>
          Close
        </Button>
      </div>
    </ModalDialog>
  );
}
