import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { Providers } from "@/components/providers";
import { requirePageAgent } from "@/lib/auth/session";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const agent = await requirePageAgent();
  return (
    <Providers>
      <div className="flex h-screen flex-col">
        <AppHeader agent={agent} />
        <div className="min-h-0 flex-1">{children}</div>
      </div>
    </Providers>
  );
}
