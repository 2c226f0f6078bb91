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
    ['an announcement without an end', JSON.stringify({ announcements: [{ id: 'a', title: 't', body: '', start: 0, audience: [], priority: 0, emergency: false }] }), /announcements\.0\.end/],
  ])('refuses %s with a message that says what is wrong', (_, content, message) => {
    expect(() => readProvisioning(write(content))).toThrow(ProvisioningError);
    expect(() => readProvisioning(write(content))).toThrow(message);
  });
});
