// The colours a label can have: a fixed palette, so the UI only ever renders classes it knows (and every
// pair meets WCAG AA contrast for the label's text). Pure.
export const LABEL_COLOURS = {
  slate: "bg-slate-100 text-slate-800 ring-slate-300",
  red: "bg-red-100 text-red-800 ring-red-300",
  orange: "bg-orange-100 text-orange-800 ring-orange-300",
  amber: "bg-amber-100 text-amber-900 ring-amber-300",
  green: "bg-green-100 text-green-800 ring-green-300",
  teal: "bg-teal-100 text-teal-800 ring-teal-300",
  blue: "bg-blue-100 text-blue-800 ring-blue-300",
  violet: "bg-violet-100 text-violet-800 ring-violet-300",
  pink: "bg-pink-100 text-pink-800 ring-pink-300",
} as const;

export type LabelColour = keyof typeof LABEL_COLOURS;
export const LABEL_COLOUR_NAMES = Object.keys(LABEL_COLOURS) as LabelColour[];

export function labelClasses(colour: string): string {
  return LABEL_COLOURS[colour as LabelColour] ?? LABEL_COLOURS.slate;
}
