import { describe, expect, it } from 'vitest';
import { isBlockedInKiosk, type KeyInput } from './kioskKeys';

const press = (key: string, code: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown', key, code, control: false, meta: false, alt: false, shift: false, ...mods,
});

describe('isBlockedInKiosk', () => {
  it('swallows reload, full screen, developer tools, close, quit, zoom and print', () => {
    const blocked: KeyInput[] = [
      press('F5', 'F5'), press('F11', 'F11'), press('F12', 'F12'),
      press('r', 'KeyR', { control: true }), press('R', 'KeyR', { control: true, shift: true }), press('r', 'KeyR', { meta: true }),
      press('I', 'KeyI', { control: true, shift: true }), press('J', 'KeyJ', { control: true, shift: true }), press('C', 'KeyC', { control: true, shift: true }),
      press('i', 'KeyI', { meta: true, alt: true }),
      press('w', 'KeyW', { control: true }), press('w', 'KeyW', { meta: true }), press('q', 'KeyQ', { control: true }), press('q', 'KeyQ', { meta: true }),
      press('F4', 'F4', { alt: true }),
      press('+', 'Equal', { control: true, shift: true }), press('=', 'Equal', { control: true }), press('-', 'Minus', { control: true }),
      press('0', 'Digit0', { control: true }), press('+', 'NumpadAdd', { control: true }), press('-', 'NumpadSubtract', { meta: true }),
      press('p', 'KeyP', { control: true }),
      press('BrowserRefresh', 'BrowserRefresh'),
    ];
    for (const input of blocked) expect(isBlockedInKiosk(input), JSON.stringify(input)).toBe(true);
  });

  it('recognises the physical key on other keyboard layouts (Cyrillic к on the R key)', () => {
    expect(isBlockedInKiosk(press('к', 'KeyR', { control: true }))).toBe(true);
  });

  it('blocks the key release too, so the page never sees half a shortcut', () => {
    expect(isBlockedInKiosk({ ...press('F5', 'F5'), type: 'keyUp' })).toBe(true);
  });

  it('leaves ordinary keys alone', () => {
    const allowed: KeyInput[] = [
      press('r', 'KeyR'), press('a', 'KeyA', { control: true }), press('c', 'KeyC', { control: true }), press('F4', 'F4'),
      press('ArrowDown', 'ArrowDown'), press('0', 'Digit0'), press('Escape', 'Escape'), press('i', 'KeyI', { control: true }),
    ];
    for (const input of allowed) expect(isBlockedInKiosk(input), JSON.stringify(input)).toBe(false);
  });

  it('lets Ctrl+Shift+P through to the page: it opens the admin overlay', () => {
    expect(isBlockedInKiosk(press('P', 'KeyP', { control: true, shift: true }))).toBe(false);
    expect(isBlockedInKiosk({ ...press('P', 'KeyP', { control: true, shift: true }), type: 'keyUp' })).toBe(false);
    expect(isBlockedInKiosk(press('P', 'KeyP', { meta: true, shift: true }))).toBe(false);
    // Printing without Shift stays blocked, and so does anything with Alt added.
    expect(isBlockedInKiosk(press('p', 'KeyP', { control: true }))).toBe(true);
    expect(isBlockedInKiosk(press('P', 'KeyP', { control: true, shift: true, alt: true }))).toBe(true);
  });

  it('ignores events that are not key presses', () => {
    expect(isBlockedInKiosk({ ...press('F5', 'F5'), type: 'char' })).toBe(false);
  });
});
