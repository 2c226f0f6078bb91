import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newKey } from '../testing/sampleSchool';
import { useTempDirs } from '../testing/tempDir';
import { fileSecretStore } from './fileSecretStore';

const tempDir = useTempDirs();

describe("the web host's secret store", () => {
  it('keeps values sealed: the file holds neither the value nor anything readable of it, and only its owner may read it', async () => {
    const file = join(tempDir(), 'secrets.json');
    const store = fileSecretStore(file, newKey());
    await store.set('zermelo.token', 'abcdefghijklmnopqrstuvwxyz');
    expect(await store.get('zermelo.token')).toBe('abcdefghijklmnopqrstuvwxyz');
    expect(readFileSync(file, 'utf8')).not.toContain('abcdefghijklmnop');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.names()).toEqual(['zermelo.token']);
  });

  it('cannot be read with another key, nor a value moved to another name', async () => {
    const file = join(tempDir(), 'secrets.json');
    const key = newKey();
    await fileSecretStore(file, key).set('a', 'secret-a');
    await expect(fileSecretStore(file, newKey()).get('a')).rejects.toThrow(/cannot be read/);
    const sealed = JSON.parse(readFileSync(file, 'utf8'));
    sealed.secrets.b = sealed.secrets.a;
    writeFileSync(file, JSON.stringify(sealed));
    await expect(fileSecretStore(file, key).get('b')).rejects.toThrow(/cannot be read/);
  });

  it('forgets a deleted secret', async () => {
    const store = fileSecretStore(join(tempDir(), 's.json'), newKey());
    await store.set('x', '1');
    await store.delete('x');
    expect(await store.get('x')).toBeNull();
  });
});
