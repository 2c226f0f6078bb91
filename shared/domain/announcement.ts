import { z } from 'zod';
import { Instant } from './time';

/**
 * An announcement for screens. `body` is restricted HTML (p, br, b, strong, i, em, ul, ol, li, h2, h3) and is
 * sanitised again in the renderer before it is shown.
 */
export const Announcement = z.object({
  id: z.string().min(1).max(120),
  title: z.string().min(1).max(200),
  body: z.string().max(5000),
  start: Instant,
  end: Instant,
  /** Display groups it is meant for; empty means every screen. */
  audience: z.array(z.string().min(1).max(60)).max(50),
  /** Higher shows first. */
  priority: z.number().int().min(0).max(100),
  /** Takes over every screen until it ends. */
  emergency: z.boolean(),
}).strict();
export type Announcement = z.infer<typeof Announcement>;
