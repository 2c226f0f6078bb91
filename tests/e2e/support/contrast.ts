import type { Page } from '@playwright/test';

export interface ContrastFinding {
  what: string;
  text: string;
  ratio: number;
  required: number;
}

export interface ContrastReport {
  /** Text elements and marks measured. */
  checked: number;
  failures: ContrastFinding[];
}

/**
 * WCAG 2.x contrast of what the page renders, measured in the page: every visible element with its own text
 * against its effective background (its own and its ancestors' background colours, composited), 4.5:1 for text
 * and 3:1 for large text (24px, or 18.66px bold); and 3:1 for marks that carry meaning without words (progress
 * fill against its track, page dots and the change edge of a room card against what surrounds them).
 */
export function measureContrast(page: Page): Promise<ContrastReport> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (value: string): Rgba | null => {
      const m = /rgba?\(([^)]+)\)/.exec(value);
      if (!m) return null;
      const parts = m[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
      return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3] + bottom[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      const mix = (i: number) => (top[i]! * top[3] + bottom[i]! * bottom[3] * (1 - top[3])) / a;
      return [mix(0), mix(1), mix(2), a];
    };
    const luminance = ([r, g, b]: Rgba) => {
      const lin = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const ratio = (a: Rgba, b: Rgba) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    /** The colour behind an element: background colours from the first opaque ancestor down, over white paper. */
    const backgroundOf = (element: Element | null): Rgba => {
      const layers: Rgba[] = [];
      for (let el = element; el; el = el.parentElement) {
        const bg = parse(getComputedStyle(el).backgroundColor);
        if (bg && bg[3] > 0) layers.push(bg);
        if (bg && bg[3] >= 1) break;
      }
      return layers.reverse().reduce<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
    };
    const visible = (el: Element) => {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return style.visibility !== 'hidden' && style.display !== 'none' && box.width > 0 && box.height > 0 &&
        box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
    };
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;

    const failures: ContrastFinding[] = [];
    let checked = 0;
    for (const el of document.body.querySelectorAll('*')) {
      const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
      if (own === '' || !visible(el)) continue;
      const style = getComputedStyle(el);
      const background = backgroundOf(el);
      const color = over(parse(style.color) ?? [0, 0, 0, 1], background);
      const size = parseFloat(style.fontSize);
      const bold = Number(style.fontWeight) >= 700;
      const required = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      const r = ratio(color, background);
      checked += 1;
      if (r < required) failures.push({ what: describe(el), text: own.slice(0, 60), ratio: Math.round(r * 100) / 100, required });
    }

    const mark = (what: string, el: Element, colour: string, against: Rgba) => {
      const c = parse(colour);
      if (!c || c[3] === 0 || !visible(el)) return;
      const r = ratio(over(c, against), against);
      checked += 1;
      if (r < 3) failures.push({ what, text: '', ratio: Math.round(r * 100) / 100, required: 3 });
    };
    for (const fill of document.querySelectorAll('.progress-fill')) {
      mark('progress fill on its track', fill, getComputedStyle(fill).backgroundColor, backgroundOf(fill.parentElement));
    }
    for (const dot of document.querySelectorAll('.page-dot')) {
      mark('page dot', dot, getComputedStyle(dot).borderTopColor, backgroundOf(dot.parentElement));
    }
    for (const card of document.querySelectorAll('.room-card.has-change')) {
      mark('change edge of a room card', card, getComputedStyle(card).borderLeftColor, backgroundOf(card.parentElement));
    }
    return { checked, failures };
  });
}
