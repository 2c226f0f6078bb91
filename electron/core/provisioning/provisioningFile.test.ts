import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/tempDir';
import { ProvisioningError, readProvisioning } from './provisioningFile';

const tempDir = useTempDirs();
const write = (content: string) => {
  const file = join(tempDir(), 'provisioning.json');
  writeFileSync(file, content);
  return file;
};

describe('reading a provisioning file', () => {
  it('keeps only the sections the file gives: what it leaves out stays as the machine has it', () => {
    const p = readProvisioning(write(JSON.stringify({ settings: { locale: 'en' } })));
    expect(p.settings).toEqual({ locale: 'en' });
    expect(p.announcements).toEqual([]);
  });

  it.each([
    ['not JSON', '{"settings":', /not valid JSON/],
    ['an unknown section', JSON.stringify({ settings: { colour: 'red' } }), /was not applied/],
    ['the machine-only security section', JSON.stringify({ settings: { security: { acceptWeakKeyStorage: true } } }), /security/],
    ['the machine-only mode', JSON.stringify({ settings: { mode: 'staff' } }), /mode/],
    ['a bad profile', JSON.stringify({ settings: { display: { profiles: [{ id: 'A B', name: 'x', layout: 'door' }] } } }), /display\.profiles\.0\.id/],
    ['more than 500 announcements', JSON.stringify({ announcements: Array.from({ length: 501 }, () => ({})) }), /announcements/],
  ])('refuses %s with a message that says what is wrong', (_, content, message) => {
    expect(() => readProvisioning(write(content))).toThrow(ProvisioningError);
    expect(() => readProvisioning(write(content))).toThrow(message);
  });

  it('checks each announcement on its own: a bad one is left out with its reason, the others (the emergency too) stay', () => {
    const good = { id: 'pauze', title: 'Pauze', body: '', start: 0, end: 86_400_000, audience: [], priority: 0, emergency: false };
    const evacuation = { ...good, id: 'ontruiming', title: 'Ontruiming', emergency: true, priority: 100 };
    const p = readProvisioning(write(JSON.stringify({
      announcements: [good, { ...good, id: 'kapot', end: undefined }, evacuation, { ...good, title: 'x'.repeat(201), id: 'lang' }, good, 'geen object'],
    })));
    expect(p.announcements.map((a) => a.id)).toEqual(['pauze', 'ontruiming']);
    expect(p.refusedAnnouncements).toEqual([
      { index: 1, id: 'kapot', reason: expect.stringMatching(/^end: /) },
      { index: 3, id: 'lang', reason: expect.stringMatching(/^title: /) },
      { index: 4, id: 'pauze', reason: 'id: a second announcement with this id' },
      { index: 5, id: null, reason: expect.stringMatching(/^\(item\): /) },
    ]);
  });
});
