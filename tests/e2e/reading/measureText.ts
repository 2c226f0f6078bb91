import type { Page } from '@playwright/test';

/** One visible text on the page: its capital height in the element's own font, and whether it is cut or runs out. */
export interface MeasuredText {
  text: string;
  role: 'main' | 'text' | 'status';
  capPx: number;
  clipped: boolean;
  outside: boolean;
}

/*
 * Run in the page. Every element with text of its own that is visible: its font's capital height measured on a
 * canvas (measureText('H').actualBoundingBoxAscent in that element's font), its role from what it is (the main
 * lines: room code, what is on now and next; status: last updated and the page counter; every other text), and
 * whether it is clipped (content wider or taller than its box with no ellipsis saying so) or runs outside the
 * screen or the card it belongs to. Decorative icons (aria-hidden) are left out.
 */
export function measureTexts(page: Page): Promise<MeasuredText[]> {
  return page.evaluate(() => {
    const MAIN = '.room-code, .row-code, .slot-facts, .slot-empty, .row-lesson, .door-code, .door-free, .size-now .lesson-facts, .size-next .lesson-facts';
    const STATUS = '.kiosk-footer .updated, .page-indicator';
    const context = document.createElement('canvas').getContext('2d')!;
    const out: Array<{ text: string; role: 'main' | 'text' | 'status'; capPx: number; clipped: boolean; outside: boolean }> = [];
    const width = window.innerWidth;
    const height = window.innerHeight;
    for (const el of document.querySelectorAll<HTMLElement>('.kiosk *')) {
      const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
      if (own === '' || el.closest('[aria-hidden="true"]')) continue;
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
      // The ticker runs its text past the screen's edge on purpose; what is on screen of it is measured.
      if (el.closest('.ticker')) continue;
      context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const capPx = context.measureText('H').actualBoundingBoxAscent;
      // Shortened visibly: an ellipsis on it or inside it, or a line clamp around it (the band's two lines and "…").
      const clampedAround = (() => {
        for (let a = el.parentElement; a; a = a.parentElement) if (getComputedStyle(a).webkitLineClamp !== 'none') return true;
        return false;
      })();
      const ellipsis = clampedAround || style.textOverflow === 'ellipsis' || [...el.querySelectorAll('*'), el].some((e) => getComputedStyle(e).textOverflow === 'ellipsis' || getComputedStyle(e).webkitLineClamp !== 'none');
      const clipping = (e: Element) => {
        const s = getComputedStyle(e);
        return s.overflow !== 'visible' || s.overflowX !== 'visible' || s.overflowY !== 'visible';
      };
      const cut = (e: HTMLElement) => clipping(e) && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 2);
      const clipped = !ellipsis && (cut(el) || (el.parentElement !== null && cut(el.parentElement) && !ellipsisOf(el.parentElement)));
      const card = el.closest('.room-card, .room-row, .door-panel, .door-later, .changes-column, .announcement-slide');
      const box = card?.getBoundingClientRect() ?? { left: 0, top: 0, right: width, bottom: height };
      const outside =
        !clampedAround &&
        (rect.left < Math.max(0, box.left) - 1 ||
          rect.right > Math.min(width, box.right) + 1 ||
          rect.bottom > Math.min(height, box.bottom) + 1 ||
          rect.top < Math.max(0, box.top) - 1);
      // Change words and details inside a main line are text (16'), not main lines themselves.
      const role = el.closest(MAIN) && !el.closest('.change-badge, .row-detail, .lesson-detail') ? 'main' : el.closest(STATUS) ? 'status' : 'text';
      out.push({ text: own.slice(0, 60), role, capPx, clipped, outside });
    }
    function ellipsisOf(e: Element) {
      const s = getComputedStyle(e);
      return s.textOverflow === 'ellipsis' || s.webkitLineClamp !== 'none';
    }
    return out;
  });
}
