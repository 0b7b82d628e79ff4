import { Button } from "./button";
import { cn } from "./cn";

/** A failed load in place of the content, with a way to try again (the query's refetch). */
export function LoadError({ message, onRetry, className }: { message: string; onRetry: () => void; className?: string }) {
  return (
    <div className={cn("space-y-3 text-center", className)} role="alert">
      <p className="text-sm text-slate-700">{message}</p>
      <Button variant="secondary" size="sm" onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}
