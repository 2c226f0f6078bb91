import type { z } from 'zod';

/**
 * A connector's cursor as the engine stores it: JSON, read back with its schema. Anything unreadable (an older
 * format, another connector's) counts as no cursor at all, which means a full sync: never wrong, only slower.
 */
export function readStoredCursor<T>(schema: z.ZodType<T>, text: string | null): T | null {
  if (!text) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
