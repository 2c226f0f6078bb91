import QRCode from 'qrcode';

/*
 * QR codes for the page (the authenticator set-up, a screen's enrolment), encoded by the qrcode library and drawn by
 * us as an SVG path: no image request and no HTML string, so nothing the page's CSP has to allow.
 */

export type QrMatrix = boolean[][];

/** The modules of a QR code for `text` at error correction level M, or null where the text does not fit one. */
export function qrMatrix(text: string): QrMatrix | null {
  try {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    return Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, col) => Boolean(modules.get(row, col))));
  } catch {
    return null; // more than a version 40 code holds
  }
}

/** An SVG path of the dark modules, offset by a quiet zone of four modules. */
export function qrPath(matrix: QrMatrix, quiet = 4): string {
  const parts: string[] = [];
  matrix.forEach((row, y) => row.forEach((dark, x) => {
    if (dark) parts.push(`M${x + quiet} ${y + quiet}h1v1h-1z`);
  }));
  return parts.join('');
}
