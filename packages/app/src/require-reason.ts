import { InvalidInputError } from '@parallax/core';

/** Every analyst ruling (grade, retraction, discrediting, merge, split) is kept with its reason. */
export function requireReason(reason: string, flag: string): string {
  const why = reason.trim();
  if (!why) throw new InvalidInputError(`a reason is required (${flag} "…")`);
  if (why.length > 2000) throw new InvalidInputError(`${flag}: at most 2000 characters`);
  return why;
}
