import type { AppMode } from '@shared/contract';

// Where the app's own pages live. No Electron import: the origin checks are unit-tested under Node.

export const APP_SCHEME = 'app';
export const APP_HOST = 'gangbord';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The origin of a URL as Chromium sees it, or null when it has none we could trust.
 *
 * Not `new URL(url).origin` alone: Node's URL parser does not know that `app:` is registered as a standard scheme
 * in Chromium, so for `app://gangbord/...` (and for `app://evil/...`) it answers the opaque origin "null", and two
 * different hosts would compare equal. For our scheme we build the origin from protocol and host ourselves.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) {
    // A standard scheme has an authority; `app:gangbord/x` or `app:///x` is not one of our URLs.
    return parsed.host ? `${APP_SCHEME}://${parsed.host.toLowerCase()}` : null;
  }
  return parsed.origin === 'null' ? null : parsed.origin;
}

export function isSameOrigin(url: string, origin: string): boolean {
  return originOf(url) === origin;
}

export interface RendererLocation {
  /** The origin every page, navigation and IPC sender must have. */
  origin: string;
  pageUrl(mode: AppMode): string;
}

/** The packaged and normal case: the built renderer behind our own scheme (protocol.ts). */
export const appRenderer: RendererLocation = {
  origin: APP_ORIGIN,
  pageUrl: (mode) => `${APP_ORIGIN}/${mode}.html`,
};

/**
 * `npm run dev` (electron-vite dev) serves the renderer from a local dev server for hot reload and tells main where
 * in ELECTRON_RENDERER_URL. Only honoured when the app is not packaged, so an installed kiosk cannot be pointed at
 * another server through its environment.
 */
export function rendererLocation(isPackaged: boolean, devServerUrl: string | undefined): RendererLocation {
  if (isPackaged || !devServerUrl) return appRenderer;
  const origin = originOf(devServerUrl);
  if (!origin || !/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(origin)) return appRenderer;
  return { origin, pageUrl: (mode) => `${origin}/${mode}.html` };
}
