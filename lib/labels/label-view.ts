export interface LabelView {
  id: string;
  name: string;
  color: string;
}

export const labelSelect = { id: true, name: true, color: true } as const;
