// The AppError a promise rejects with (the test fails when it resolves or rejects with anything else), so a
// test can assert its status, code and details.
import { expect } from "vitest";
import { AppError } from "@/lib/errors";

export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
