import { z } from 'zod';
import { Announcement } from './domain/announcement';
import { Settings } from './settings';

/**
 * A provisioning file: what an administrator rolls out to many machines (copied in, or on a shared folder that
 * every screen watches). Its settings sections replace the machine's own, section by section; its announcements
 * show beside those from the timetable system, and a change to the file reaches the screens within seconds.
 */
export const Provisioning = z.object({
  settings: Settings.partial().strict().default({}),
  announcements: z.array(Announcement).max(500).default([]),
}).strict();
export type Provisioning = z.infer<typeof Provisioning>;
