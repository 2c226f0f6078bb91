// Which key presses a kiosk swallows. No Electron import: unit-tested under Node; electron/main/kioskGuard.ts
// applies it in `before-input-event`.
//
// This is app-level hardening only. Alt+Tab, the Windows key, Ctrl+Alt+Del, Cmd+Tab and touch gestures never reach
// the page: the OS lock-down (Windows Assigned Access / Shell Launcher, a Linux session running only Gangbord) must
// cover those (docs/security-model.md §2).

/** The parts of Electron's `Input` this needs. */
export interface KeyInput {
  type: string;
  key: string;
  /** The physical key (`KeyR`), the same whatever the keyboard layout. */
  code: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

const ALWAYS = new Set(['F5', 'F11', 'F12', 'BrowserRefresh', 'BrowserBack', 'BrowserForward', 'BrowserHome']);
const ZOOM_KEYS = new Set(['+', '=', '-', '_', '0']);
const ZOOM_CODES = new Set(['Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0']);

function letter(input: KeyInput): string {
  if (/^Key[A-Z]$/.test(input.code)) return input.code.slice(3).toLowerCase();
  return input.key.length === 1 ? input.key.toLowerCase() : '';
}

/**
 * True for reload (F5, Ctrl/Cmd+R), full screen (F11), developer tools (F12, Ctrl+Shift+I/J/C, Cmd+Alt+I/J/C),
 * closing and quitting (Ctrl/Cmd+W, Ctrl/Cmd+Q, Alt+F4), zoom (Ctrl/Cmd with + - = 0) and printing (Ctrl/Cmd+P,
 * which opens an OS dialog with a way out).
 *
 * Ctrl+Shift+P is not printing: it opens the page's own admin overlay (profile switch behind a PIN), so it must
 * reach the page.
 */
export function isBlockedInKiosk(input: KeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'keyUp' && input.type !== 'rawKeyDown') return false;
  if (ALWAYS.has(input.key) || ALWAYS.has(input.code)) return true;
  if (input.alt && (input.key === 'F4' || input.code === 'F4')) return true;

  const command = input.control || input.meta;
  if (!command) return false;
  const l = letter(input);
  if (l === 'r' || l === 'w' || l === 'q') return true;
  if (l === 'p') return !(input.shift && !input.alt);
  if ((input.shift || input.alt) && (l === 'i' || l === 'j' || l === 'c')) return true;
  return ZOOM_KEYS.has(input.key) || ZOOM_CODES.has(input.code);
}
