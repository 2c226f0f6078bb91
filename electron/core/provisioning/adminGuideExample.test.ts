import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Provisioning } from '@shared/provisioning';

// The administrator's guide shows a provisioning file to copy: it must be one Gangbord accepts whole.
describe('the provisioning example in docs/admin-guide.md', () => {
  it('parses, with both profiles and its announcement kept', () => {
    const guide = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'admin-guide.md'), 'utf8');
    const json = /```json\n([\s\S]*?)\n```/.exec(guide)![1]!;
    const parsed = Provisioning.parse(JSON.parse(json));
    expect(parsed.refusedAnnouncements).toEqual([]);
    expect(parsed.announcements.map((a) => a.id)).toEqual(['open-dag']);
    expect(parsed.settings.display?.profiles?.map((p) => p.id)).toEqual(['gang-a0', 'deur-a002']);
  });
});
