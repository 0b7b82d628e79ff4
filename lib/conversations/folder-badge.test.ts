import { describe, expect, it } from "vitest";
import type { FolderCounts } from "./count-unread-by-folder";
import { folderBadge } from "./folder-badge";

const counts = (unread: Partial<FolderCounts["unread"]>, expiring: number): FolderCounts => ({
  unread: { mine: 0, unassigned: 0, all: 0, expiring: 0, closing: 0, closed: 0, snoozed: 0, resolved: 0, ...unread },
  expiring,
});

describe("folderBadge", () => {
  it("counts unread conversations and says so", () => {
    expect(folderBadge("mine", counts({ mine: 3 }, 0))).toEqual({ count: 3, meaning: "3 unread conversations" });
    expect(folderBadge("mine", counts({ mine: 1 }, 0))?.meaning).toBe("1 unread conversation");
    expect(folderBadge("all", counts({}, 0))).toBeNull();
  });

  it("Expiring soon keeps its badge while conversations are in it, read or not", () => {
    expect(folderBadge("expiring", counts({ expiring: 0 }, 2))).toEqual({ count: 2, meaning: "2 conversations whose reply window ends soon" });
    expect(folderBadge("expiring", counts({ expiring: 1 }, 2))?.meaning).toBe("2 conversations whose reply window ends soon, 1 unread");
    expect(folderBadge("expiring", counts({}, 0))).toBeNull();
  });
});
