"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { settingsSections, type SettingsRole } from "@/lib/admin/settings-sections";

/** The settings pages an agent of this role may open, as tabs above each page. */
export function SettingsTabs({ role }: { role: SettingsRole }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="mx-auto flex max-w-5xl gap-1 overflow-x-auto border-b border-slate-200 px-4 pt-4">
      {settingsSections(role).map((section) => {
        const active = pathname === section.href || pathname.startsWith(`${section.href}/`);
        return (
          <Link
            key={section.href}
            href={section.href}
            aria-current={active ? "page" : undefined}
            className={cn("-mb-px border-b-2 px-3 py-2 text-sm whitespace-nowrap", active ? "border-brand font-medium text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900")}
          >
            {section.label}
          </Link>
        );
      })}
    </nav>
  );
}
