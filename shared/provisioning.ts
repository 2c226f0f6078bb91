import { z } from 'zod';
import { Announcement } from './domain/announcement';
import { Settings } from './settings';

/**
 * A provisioning file: what an administrator rolls out to many machines (copied in, or on a shared folder that
 * every screen watches). Its settings sections replace the machine's own, section by section; its announcements
 * show beside those from the timetable system, and a change to the file reaches the screens within seconds.
 */
/** Settings with every section optional and no defaults: a section the file leaves out is left alone. */
const SettingsSections = z.object(
  Object.fromEntries(Object.entries(Settings.shape).map(([name, field]) => [name, (field instanceof z.ZodDefault ? field.removeDefault() : field).optional()])),
).strict() as unknown as z.ZodType<Partial<Settings>>;

export const Provisioning = z.object({
  settings: SettingsSections.default({}),
  announcements: z.array(Announcement).max(500).default([]),
}).strict();
export type Provisioning = z.infer<typeof Provisioning>;
