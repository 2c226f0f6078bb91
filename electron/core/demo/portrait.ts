import type { Pupil } from '@shared/domain';
import type { PhotoRecord } from '../sync/snapshot';
import { encodePalettePng } from './png';
import { hashString, mulberry32, pick, type Random } from './random';

/*
 * Illustrated pasfoto stand-ins: a friendly head-and-shoulders figure, no real faces. Skin tone, hair, shirt,
 * background and glasses follow from the pupil number, so a class grid shows pupils that look different.
 */

export const PORTRAIT_WIDTH = 150;
export const PORTRAIT_HEIGHT = 200;

type Rgb = readonly [number, number, number];

const BACKGROUNDS: readonly Rgb[] = [
  [214, 228, 240],
  [226, 236, 222],
  [240, 228, 214],
  [232, 224, 240],
  [224, 238, 238],
  [238, 234, 220],
  [219, 226, 233],
  [242, 226, 230],
];
const SKINS: readonly Rgb[] = [[255, 224, 196], [241, 194, 160], [224, 172, 130], [198, 134, 90], [160, 102, 66], [111, 71, 46]];
const HAIR: readonly Rgb[] = [[28, 24, 22], [59, 40, 30], [105, 70, 42], [150, 96, 52], [216, 178, 104], [176, 84, 40], [70, 52, 44]];
const SHIRTS: readonly Rgb[] = [
  [46, 94, 170],
  [200, 60, 60],
  [60, 140, 90],
  [240, 180, 40],
  [90, 90, 100],
  [120, 70, 160],
  [30, 150, 170],
  [230, 120, 60],
  [250, 250, 250],
  [40, 50, 80],
];
const SCARVES: readonly Rgb[] = [[80, 60, 120], [30, 70, 110], [150, 50, 70], [60, 110, 100], [200, 170, 140]];
const HAIR_STYLES = ['short', 'side', 'long', 'bun', 'curly', 'buzz', 'long', 'short', 'headscarf'] as const;
type HairStyle = (typeof HAIR_STYLES)[number];

// Palette slots.
const BG = 0, SHIRT = 1, COLLAR = 2, SKIN = 3, SHADE = 4, HAIR_C = 5, EYE = 6, MOUTH = 7, CHEEK = 8, FRAME = 9, SCARF = 10, WHITE = 11;

const darker = ([r, g, b]: Rgb, f: number): Rgb => [Math.round(r * f), Math.round(g * f), Math.round(b * f)];
const mix = ([r, g, b]: Rgb, [r2, g2, b2]: Rgb, t: number): Rgb => [Math.round(r + (r2 - r) * t), Math.round(g + (g2 - g) * t), Math.round(b + (b2 - b) * t)];

/** A palette image drawn in horizontal spans straight into PNG scanlines (filter byte first), the fastest way to fill shapes. */
class Canvas {
  readonly rows: Uint8Array;
  private readonly stride: number;

  constructor(readonly width: number, readonly height: number, background: number) {
    this.stride = width + 1;
    this.rows = new Uint8Array(height * this.stride).fill(background);
    for (let y = 0; y < height; y++) this.rows[y * this.stride] = 0;
  }

  span(y: number, x0: number, x1: number, colour: number): void {
    if (y < 0 || y >= this.height) return;
    const from = Math.max(0, Math.round(x0));
    const to = Math.min(this.width, Math.round(x1));
    if (to > from) this.rows.fill(colour, y * this.stride + 1 + from, y * this.stride + 1 + to);
  }

  rect(x: number, y: number, w: number, h: number, colour: number): void {
    for (let row = Math.round(y); row < y + h; row++) this.span(row, x, x + w, colour);
  }

  /** A filled ellipse, optionally only the rows from `top` to `bottom` (for caps of hair and smiles). */
  ellipse(cx: number, cy: number, rx: number, ry: number, colour: number, top = -Infinity, bottom = Infinity): void {
    const y0 = Math.max(Math.ceil(cy - ry), Math.ceil(top), 0);
    const y1 = Math.min(Math.floor(cy + ry), Math.floor(bottom), this.height - 1);
    for (let y = y0; y <= y1; y++) {
      const t = (y + 0.5 - cy) / ry;
      if (t * t > 1) continue;
      const dx = rx * Math.sqrt(1 - t * t);
      this.span(y, cx - dx, cx + dx, colour);
    }
  }
}

interface Look {
  palette: Uint8Array;
  hair: HairStyle;
  glasses: boolean;
  faceWidth: number;
  hairline: number;
}

function look(random: Random): Look {
  const skin = pick(random, SKINS);
  const hair = pick(random, HAIR);
  const shirt = pick(random, SHIRTS);
  const colours: Rgb[] = [
    pick(random, BACKGROUNDS), shirt, darker(shirt, 0.75), skin, darker(skin, 0.86), hair, [40, 32, 30], [170, 70, 70],
    mix(skin, [235, 120, 120], 0.35), [45, 45, 50], pick(random, SCARVES), [255, 255, 255],
  ];
  return {
    palette: Uint8Array.from(colours.flat()),
    hair: pick(random, HAIR_STYLES),
    glasses: random() < 0.2,
    faceWidth: 33 + Math.floor(random() * 6),
    hairline: 60 + Math.floor(random() * 8),
  };
}

function draw(canvas: Canvas, l: Look): void {
  const cx = PORTRAIT_WIDTH / 2;
  const fw = l.faceWidth;
  const scarf = l.hair === 'headscarf';
  // Hair or scarf behind the head and shoulders.
  if (l.hair === 'long') canvas.ellipse(cx, 104, fw + 11, 62, HAIR_C);
  if (l.hair === 'curly') canvas.ellipse(cx, 78, fw + 16, 48, HAIR_C);
  if (scarf) canvas.ellipse(cx, 94, fw + 12, 60, SCARF);
  // Shoulders with a collar, and the neck.
  canvas.ellipse(cx, 222, 70, 64, SHIRT);
  canvas.rect(cx - 13, 118, 26, 44, SHADE);
  if (scarf) canvas.ellipse(cx, 160, fw + 16, 26, SCARF);
  else for (let y = 158; y < 176; y++) canvas.span(y, cx - 16 + (y - 158), cx + 16 - (y - 158), COLLAR);
  if (!scarf) for (let y = 158; y < 172; y++) canvas.span(y, cx - 11 + (y - 158), cx + 11 - (y - 158), SHADE);
  // Ears, then the face.
  if (!scarf) {
    canvas.ellipse(cx - fw - 1, 92, 6, 10, SKIN);
    canvas.ellipse(cx + fw + 1, 92, 6, 10, SKIN);
  }
  canvas.ellipse(cx, 90, fw, 44, SKIN);
  // Hair on top.
  switch (l.hair) {
    case 'short': canvas.ellipse(cx, 72, fw + 3, 32, HAIR_C, -Infinity, l.hairline); break;
    case 'side': canvas.ellipse(cx, 72, fw + 3, 32, HAIR_C, -Infinity, l.hairline); canvas.ellipse(cx - 12, 62, 22, 12, HAIR_C); break;
    case 'long': canvas.ellipse(cx, 74, fw + 4, 34, HAIR_C, -Infinity, l.hairline + 2); break;
    case 'bun': canvas.ellipse(cx, 74, fw + 2, 32, HAIR_C, -Infinity, l.hairline); canvas.ellipse(cx, 38, 15, 13, HAIR_C); break;
    case 'curly': canvas.ellipse(cx, 70, fw + 12, 34, HAIR_C, -Infinity, l.hairline); break;
    case 'buzz': canvas.ellipse(cx, 76, fw + 1, 32, HAIR_C, -Infinity, l.hairline - 8); break;
    case 'headscarf': canvas.ellipse(cx, 70, fw + 6, 34, SCARF, -Infinity, l.hairline - 4); break;
  }
  // Glasses frames go under the eyes so the eyes stay visible through them.
  if (l.glasses) {
    for (const ex of [cx - 14, cx + 14]) {
      canvas.ellipse(ex, 93, 11, 9, FRAME);
      canvas.ellipse(ex, 93, 9, 7, SKIN);
    }
    canvas.rect(cx - 3, 91, 6, 2, FRAME);
  }
  if (!scarf && l.hair !== 'buzz') {
    canvas.rect(cx - 20, 81, 11, 2, HAIR_C);
    canvas.rect(cx + 9, 81, 11, 2, HAIR_C);
  }
  canvas.ellipse(cx - 14, 93, 3.5, 4.5, EYE);
  canvas.ellipse(cx + 14, 93, 3.5, 4.5, EYE);
  canvas.rect(cx - 13, 91, 1, 1, WHITE);
  canvas.rect(cx + 15, 91, 1, 1, WHITE);
  canvas.ellipse(cx, 104, 3, 2.5, SHADE);
  canvas.ellipse(cx - 20, 108, 6, 4, CHEEK);
  canvas.ellipse(cx + 20, 108, 6, 4, CHEEK);
  // A smile: the lower half of an ellipse.
  canvas.ellipse(cx, 112, 11, 8, MOUTH, 113);
  canvas.ellipse(cx, 112, 8, 3, WHITE, 113, 115);
}

/** A generated portrait for a pupil number: a valid 150x200 palette PNG, the same every time for the same number. */
export function generateDemoPortrait(pupilNumber: string): PhotoRecord {
  const l = look(mulberry32(hashString(pupilNumber, 0x9e3779b9)));
  const canvas = new Canvas(PORTRAIT_WIDTH, PORTRAIT_HEIGHT, BG);
  draw(canvas, l);
  return { pupilNumber, mime: 'image/png', width: PORTRAIT_WIDTH, height: PORTRAIT_HEIGHT, bytes: encodePalettePng(PORTRAIT_WIDTH, PORTRAIT_HEIGHT, l.palette, canvas.rows) };
}

/**
 * Portraits for all pupils, consenting or not: consent is enforced where photos are shown, and a pupil may
 * give it later. `onProgress` is called every few hundred portraits.
 */
export function demoPortraits(pupils: readonly Pupil[], onProgress?: (done: number, total: number) => void): PhotoRecord[] {
  const photos: PhotoRecord[] = [];
  for (const pupil of pupils) {
    photos.push(generateDemoPortrait(pupil.number));
    if (onProgress && (photos.length % 250 === 0 || photos.length === pupils.length)) onProgress(photos.length, pupils.length);
  }
  return photos;
}
