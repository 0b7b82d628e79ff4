import { Select } from "@/components/ui/field";
import type { ReviewFilterOptions } from "@/lib/review/list-review-filter-options";

// The channel and platform pickers of the review and report filter forms (plain GET forms: `name` is the
// URL parameter the server reads).

export function ChannelSelect({ id, channels, value }: { id: string; channels: ReviewFilterOptions["channels"]; value: string | undefined }) {
  return (
    <Select id={id} name="channelId" defaultValue={value ?? ""}>
      <option value="">All channels</option>
      {channels.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name} ({c.platform === "INSTAGRAM" ? "Instagram" : "Messenger"})
        </option>
      ))}
    </Select>
  );
}

export function PlatformSelect({ id, value }: { id: string; value: string | undefined }) {
  return (
    <Select id={id} name="platform" defaultValue={value ?? ""}>
      <option value="">Both</option>
      <option value="MESSENGER">Messenger</option>
      <option value="INSTAGRAM">Instagram</option>
    </Select>
  );
}
