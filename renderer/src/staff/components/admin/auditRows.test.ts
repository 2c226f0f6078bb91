import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@shared/domain/staff';
import { auditRows } from './auditRows';

const entry = (id: number, at: number, action: AuditEntry['action'], subject: string | null, detail: string | null, actor = 'bea'): AuditEntry =>
  ({ id, at, actor, action, subject, detail });

describe('audit rows', () => {
  it('shows a class list opened once as one row with its pupils, and keeps other entries as they are', () => {
    const entries = [
      entry(40, 10_000, 'pupil.card', '111', null),
      ...Array.from({ length: 28 }, (_, i) => entry(39 - i, 9_000, 'group.members', String(200 + i), '3V2')),
      entry(11, 8_000, 'auth.sign-in', 'bea', null),
    ];
    const rows = auditRows(entries);
    expect(rows.map((r) => r.kind)).toEqual(['entry', 'groupLook', 'entry']);
    const look = rows[1]!;
    expect(look.kind === 'groupLook' && [look.group, look.entries.length]).toEqual(['3V2', 28]);
  });

  it('keeps two looks apart: another list, another person, or the same list a while later', () => {
    const rows = auditRows([
      entry(6, 100_000, 'group.members', '1', '3V2'), entry(5, 100_000, 'group.members', '2', '3V2'),
      entry(4, 100_000, 'group.members', '1', '3V2', 'dirk'),
      entry(3, 90_000, 'group.members', '1', '3V2'),
      entry(2, 90_000, 'group.members', '9', '4H1'),
    ]);
    expect(rows.map((r) => (r.kind === 'groupLook' ? `${r.actor}:${r.group}:${r.entries.length}` : 'entry'))).toEqual(['bea:3V2:2', 'dirk:3V2:1', 'bea:3V2:1', 'bea:4H1:1']);
  });
});
