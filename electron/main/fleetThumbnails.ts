import type { Core } from '../core/app.types';
import type { Logger } from '../core/logger';
import type { AppWindows } from './windows';

/** Every five minutes, and when the Screens page asks (docs/fleet.md). */
const EVERY_MS = 5 * 60_000;
/** Wide enough to recognise the layout and an alert on the Screens page; small enough for a share. */
const WIDTH = 480;

/**
 * A fleet screen's thumbnails: the kiosk window's picture (Electron's capturePage), scaled down, handed to the core,
 * which signs it into the fleet folder. A kiosk page holds no pupil data, so neither does its picture.
 */
export function startFleetThumbnails(deps: { core: Core; windows: AppWindows; log: Logger }): () => void {
  const { core, windows, log } = deps;
  let taking = false;
  async function take(reason: string): Promise<void> {
    const win = windows.live()[0];
    if (!core.isFleetScreen() || !win || taking) return;
    taking = true;
    try {
      const image = await win.webContents.capturePage();
      await core.storeThumbnail(image.resize({ width: WIDTH, quality: 'good' }).toPNG());
      log.info('fleet.thumbnail', { reason });
    } catch (error) {
      log.warn('fleet.thumbnail-failed', { reason, error });
    } finally {
      taking = false;
    }
  }
  const timer = setInterval(() => void take('every five minutes'), EVERY_MS);
  const first = setTimeout(() => void take('start'), 30_000);
  const unsubscribe = core.subscribe((name, payload) => {
    if (name === 'fleet.command' && (payload as { action: string }).action === 'thumbnail') void take('asked');
  });
  return () => {
    clearInterval(timer);
    clearTimeout(first);
    unsubscribe();
  };
}
