import { describe, expect, it } from 'vitest';
import { baseName, MAX_REPORTED_NAME, reportedName, unsafeArchiveName } from './entryName';

describe('names inside a ZIP', () => {
  it.each([
    ['../evil.jpg', /climbs out/],
    ['photos/../../evil.jpg', /climbs out/],
    ['/tmp/evil.jpg', /absolute path/],
    ['C:\\evil.jpg', /backslash/],
    ['C:evil.jpg', /drive letter/],
    ['c:/windows/evil.jpg', /drive letter/],
    ['..\\..\\evil.jpg', /backslash/],
    ['1A\\123.jpg', /backslash/],
    ['evil\0.jpg', /NUL/],
    ['123\u202egpj.exe', /control characters/],
    ['', /no name/],
  ])('refuses %j', (name, reason) => {
    expect(unsafeArchiveName(name)).toMatch(reason);
  });

  it.each(['123.jpg', '1A/123.jpg', './123.jpg', 'a..b/123..jpg', 'leerling 0123.JPG'])('accepts %j', (name) => {
    expect(unsafeArchiveName(name)).toBeNull();
  });

  it('takes the last part as the base name', () => {
    expect(baseName('klas 1A/sub/000123.jpg')).toBe('000123.jpg');
    expect(baseName('123.jpg')).toBe('123.jpg');
  });
});

describe('names in the report', () => {
  it('replaces controls and bidi overrides, so a name cannot disguise itself', () => {
    expect(reportedName('a\u0007b\u202ec')).toBe('a\ufffdb\ufffdc');
  });

  it('keeps long names within the report limit, keeping the end where number and extension are', () => {
    const name = `${'x'.repeat(1000)}/000123.jpg`;
    const shown = reportedName(name);
    expect(shown.length).toBeLessThanOrEqual(MAX_REPORTED_NAME);
    expect(shown.endsWith('/000123.jpg')).toBe(true);
    expect(reportedName(`${'😀'.repeat(400)}`)).not.toMatch(/^…[\udc00-\udfff]/);
  });
});
