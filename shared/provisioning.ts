import { z } from 'zod';
import { Announcement } from './domain/announcement';
import { Settings } from './settings';

/**
 * A provisioning file: what an administrator rolls out to many machines (copied in, or on a shared folder that
 * every screen watches). Its settings sections replace the machine's own, section by section; its announcements
 * show beside those from the timetable system, and a change to the file reaches the screens within seconds.
 */
/**
 * Sections a file may not set: each is one administrator's decision for one machine, not something to roll out
 * from a shared folder. `mode`: a file that turned a staff PC into a kiosk would have it fetch from a provisioned
 * source with the PC's stored credentials, and one that turned a corridor screen into a staff PC would offer its
 * first-administrator set-up to whoever stands in front of it. `security`: accepting a weak key store for personal
 * data.
 */
const MACHINE_ONLY = new Set(['mode', 'security']);

/** Settings with every section optional and no defaults: a section the file leaves out is left alone. */
const SettingsSections = z.object(
  Object.fromEntries(Object.entries(Settings.shape)
    .filter(([name]) => !MACHINE_ONLY.has(name))
    .map(([name, field]) => [name, (field instanceof z.ZodDefault ? field.removeDefault() : field).optional()])),
).strict() as unknown as z.ZodType<Partial<Omit<Settings, 'mode' | 'security'>>>;

export const Provisioning = z.object({
  settings: SettingsSections.default({}),
  announcements: z.array(Announcement).max(500).default([]),
}).strict();
export type Provisioning = z.infer<typeof Provisioning>;
