import { DEFAULT_PROFILE, type DisplayProfile } from '@shared/domain/display';
import type { Settings } from '@shared/settings';

/**
 * The profile a screen runs: the one named on the command line for this run, else the one chosen in settings
 * (provisioning file or the on-screen switch), else the first configured, else the corridor overview of all rooms.
 */
export function activeProfile(settings: Settings, override: string | null): DisplayProfile {
  const { profiles, active } = settings.display;
  const wanted = override ?? active;
  const found = (wanted !== null ? profiles.find((p) => p.id === wanted) : undefined) ?? profiles[0];
  return found ?? { ...DEFAULT_PROFILE, locale: settings.locale };
}
