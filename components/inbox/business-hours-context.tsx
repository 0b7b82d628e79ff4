"use client";

// The account's business hours for the inbox's SLA clocks and window-before-reopen flags: rendered by the
// server into the page, one calendar (with its per-day cache) shared by every row.
import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { BusinessCalendar } from "@/lib/business-hours/business-hours";
import { calendarOf, slaTargetsOf, type BusinessHoursView } from "@/lib/business-hours/business-hours-view";
import type { SlaTargets } from "@/lib/business-hours/sla";

interface BusinessHoursContextValue {
  calendar: BusinessCalendar;
  targets: SlaTargets;
  timeZone: string;
}

const BusinessHoursContext = createContext<BusinessHoursContextValue | null>(null);

export function BusinessHoursProvider({ hours, children }: { hours: BusinessHoursView | null; children: ReactNode }) {
  const value = useMemo(
    () => (hours?.configured ? { calendar: calendarOf(hours), targets: slaTargetsOf(hours), timeZone: hours.timezone } : null),
    [hours],
  );
  return <BusinessHoursContext.Provider value={value}>{children}</BusinessHoursContext.Provider>;
}

/** Null when the account has no business hours (no SLA clocks, no flags). */
export function useBusinessHours(): BusinessHoursContextValue | null {
  return useContext(BusinessHoursContext);
}
