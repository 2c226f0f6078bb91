/**
 * The height of a capital H over the font size, for the font the page really uses: the type scale is set from it,
 * so a face with small capitals gets larger text. Measured once on a canvas; 0.72 (DejaVu Sans, Noto Sans) where a
 * canvas cannot measure.
 */
export function measureCapRatio(fontFamily: string): number {
  try {
    const context = document.createElement('canvas').getContext('2d');
    if (!context) return 0.72;
    context.font = `700 100px ${fontFamily}`;
    const ascent = context.measureText('H').actualBoundingBoxAscent;
    return ascent > 40 && ascent < 100 ? ascent / 100 : 0.72;
  } catch {
    return 0.72;
  }
}
