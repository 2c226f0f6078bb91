import { z } from 'zod';
import { Announcement } from './domain/announcement';
import { Settings } from './settings';

/**
 * A provisioning file: what an administrator rolls out to many machines (copied in, or on a shared folder that
 * every screen watches). Its settings sections replace the machine's own, section by section; its announcements
 * show beside those from the timetable system, and a change to the file reaches the screens within seconds.
 */
/**
 * Sections a file may not set. `security` is one administrator's decision for one machine (accepting a weak key
 * store for personal data), not something to roll out from a shared folder.
 */
const MACHINE_ONLY = new Set(['security']);

/** Settings with every section optional and no defaults: a section the file leaves out is left alone. */
const SettingsSections = z.object(
  Object.fromEntries(Object.entries(Settings.shape)
    .filter(([name]) => !MACHINE_ONLY.has(name))
    .map(([name, field]) => [name, (field instanceof z.ZodDefault ? field.removeDefault() : field).optional()])),
).strict() as unknown as z.ZodType<Partial<Omit<Settings, 'security'>>>;

export const Provisioning = z.object({
  settings: SettingsSections.default({}),
  announcements: z.array(Announcement).max(500).default([]),
}).strict();
export type Provisioning = z.infer<typeof Provisioning>;
