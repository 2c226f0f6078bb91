import { describe, expect, it } from 'vitest';
import { DisplayProfile } from '../domain/display';
import { angleOfHeight, heightForAngle, mmPerPixel, readableUpTo, readingScale, viewingOf } from './readingScale';

describe('type sized from the screen and the distance', () => {
  it('knows a 55-inch 1080p screen has pixels of 0.63 mm, and that 16 minutes of arc at 3 m is 14 mm', () => {
    expect(mmPerPixel(55, 1920, 1080)).toBeCloseTo(0.634, 3);
    expect(heightForAngle(16, 3)).toBeCloseTo(13.96, 2);
    expect(angleOfHeight(heightForAngle(20, 3), 3)).toBeCloseTo(20, 6);
  });

  it("sizes each role so its capitals reach the role's angle, the same in minutes of arc at 1080p and 4K", () => {
    for (const [width, height] of [[1920, 1080], [3840, 2160], [1080, 1920]] as const) {
      const scale = readingScale({ inches: 55, metres: 3, width, height, capRatio: 0.72 });
      for (const [role, minutes] of [['main', 20], ['text', 16], ['status', 12]] as const) {
        const angle = angleOfHeight(scale.px[role] * 0.72 * scale.mmPerPx, 3);
        expect(angle, `${role} at ${width}×${height}`).toBeGreaterThanOrEqual(minutes);
        expect(angle).toBeLessThan(minutes * 1.05);
      }
    }
    // On a 1080p 55-inch screen at 3 m, body text needs about 31 px (the old corridor used 22 to 32).
    expect(readingScale({ inches: 55, metres: 3, width: 1920, height: 1080, capRatio: 0.72 }).px.text).toBeCloseTo(31.2, 0);
  });

  it('says up to how far a size is readable', () => {
    const { px, mmPerPx } = readingScale({ inches: 55, metres: 3, width: 1920, height: 1080, capRatio: 0.72 });
    expect(readableUpTo(px.text, 0.72, mmPerPx)).toBeGreaterThanOrEqual(3);
    expect(readableUpTo(px.text, 0.72, mmPerPx)).toBeLessThan(3.1);
  });

  it('takes the layout\'s usual screen where the profile is silent, and refuses a diagonal or distance out of range', () => {
    expect(viewingOf(DisplayProfile.parse({ id: 'd', name: 'Deur', layout: 'door' }))).toEqual({ inches: 10.1, metres: 1 });
    expect(viewingOf(DisplayProfile.parse({ id: 'g', name: 'Gang', layout: 'corridor', screenInches: 43, viewingMetres: 5 }))).toEqual({ inches: 43, metres: 5 });
    const wrong = DisplayProfile.safeParse({ id: 'g', name: 'Gang', layout: 'corridor', screenInches: 150, viewingMetres: 0.1 });
    expect(wrong.success).toBe(false);
    expect(wrong.error!.issues.map((i) => i.message).sort()).toEqual(['the screen diagonal is 7 to 120 inches', 'the viewing distance is 0.3 to 15 metres']);
  });
});
