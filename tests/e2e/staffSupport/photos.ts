import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

/**
 * A photographer's folder as schools get it: `<pupilnumber>.jpg` per pupil, and a file for nobody. Tests import
 * these through the administrator's screen (the demo portraits come after the first sync, in their own time).
 */
export async function photoFolder(numbers: readonly string[], extra: Record<string, Buffer> = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'gangbord-photos-'));
  let hue = 0;
  for (const number of numbers) {
    hue = (hue + 67) % 255;
    const jpeg = await sharp({ create: { width: 300, height: 400, channels: 3, background: { r: hue, g: 140, b: 255 - hue } } })
      .jpeg({ quality: 80 })
      .toBuffer();
    writeFileSync(join(dir, `${number}.jpg`), jpeg);
  }
  for (const [name, bytes] of Object.entries(extra)) writeFileSync(join(dir, name), bytes);
  return dir;
}
