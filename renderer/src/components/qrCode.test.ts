import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrMatrix, type QrMatrix } from './qrCode';

/** The matrix as a scanner sees it: RGBA pixels, four per module, with a quiet zone of four modules. */
function pixels(matrix: QrMatrix, scale = 4, quiet = 4): { data: Uint8ClampedArray; side: number } {
  const side = (matrix.length + 2 * quiet) * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  matrix.forEach((row, y) => row.forEach((dark, x) => {
    if (!dark) return;
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const at = (((y + quiet) * scale + dy) * side + (x + quiet) * scale + dx) * 4;
        data.fill(0, at, at + 3);
      }
    }
  }));
  return { data, side };
}

describe('qrCode', () => {
  it('draws an otpauth address that a QR decoder reads back exactly', () => {
    const uri = 'otpauth://totp/Gangbord:beheer?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&period=30&digits=6&algorithm=SHA1&issuer=Gangbord';
    const { data, side } = pixels(qrMatrix(uri)!);
    expect(jsQR(data, side, side)?.data).toBe(uri);
  });

  it('draws text with letters beyond ASCII that decodes intact (a screen name, a school)', () => {
    const text = 'Gangbord scherm: Aula-Zuid · Scholengemeenschap Süd';
    const { data, side } = pixels(qrMatrix(text)!);
    expect(jsQR(data, side, side)?.data).toBe(text);
  });

  it('says no for text no QR code holds', () => {
    expect(qrMatrix('x'.repeat(3000))).toBeNull();
  });
});
