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

/** An announcement the file gave that is not shown, and why. */
export interface RefusedAnnouncement {
  /** Its place in the file's list, from 0. */
  index: number;
  id: string | null;
  reason: string;
}

/**
 * Each announcement checked on its own: one with a mistake (a missing end, a title too long) is left out and said
 * so, and the others, emergencies first among them, still show. One bad line in a shared file must not silence an
 * evacuation notice next to it.
 */
export function checkAnnouncements(items: readonly unknown[]): { kept: Announcement[]; refused: RefusedAnnouncement[] } {
  const kept: Announcement[] = [];
  const refused: RefusedAnnouncement[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const parsed = Announcement.safeParse(item);
    const rawId = typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : null;
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      refused.push({ index, id: rawId, reason: `${issue.path.join('.') || '(item)'}: ${issue.message}` });
    } else if (seen.has(parsed.data.id)) {
      refused.push({ index, id: rawId, reason: 'id: a second announcement with this id' });
    } else {
      seen.add(parsed.data.id);
      kept.push(parsed.data);
    }
  });
  return { kept, refused };
}

export const Provisioning = z.object({
  settings: SettingsSections.default({}),
  // Checked one by one (checkAnnouncements), not as a whole: see there.
  announcements: z.array(z.unknown()).max(500).default([]),
}).strict().transform(({ settings, announcements }) => {
  const { kept, refused } = checkAnnouncements(announcements);
  return { settings, announcements: kept, refusedAnnouncements: refused };
});
export type Provisioning = z.output<typeof Provisioning>;
