import type { SourceConfig } from '@shared/settings';
import type { Source } from './source';
import { createDemoSource } from './demo';
import { createFleetSource } from './fleet';
import { STAFF_PC_KEY_SECRET } from '../fleet/staffPc/staffPcKeys';
import { createIcalSource } from './ical';
import { createUntisGpuSource } from './untisGpu';
import { createWebUntisSource } from './webuntis';
import { createZermeloSource } from './zermelo';

/** The source for the configured settings; with nothing configured, the built-in demo school. */
export function createSource(config: SourceConfig | null): Source {
  if (config === null) return createDemoSource({ size: 'standard' });
  switch (config.type) {
    case 'demo':
      return createDemoSource({ size: config.size });
    case 'ical':
      return createIcalSource(config);
    case 'untis-gpu':
      return createUntisGpuSource(config);
    case 'zermelo':
      return createZermeloSource(config);
    case 'webuntis':
      return createWebUntisSource(config);
    case 'fleet':
      return createFleetSource(config);
  }
}

/** The names of the secrets a source needs, to be resolved from the secret store before each run. */
export function secretNamesOf(config: SourceConfig | null): string[] {
  if (config === null) return [];
  switch (config.type) {
    case 'zermelo':
      return [config.token];
    case 'webuntis':
      return [config.password];
    case 'ical':
      return config.feeds.flatMap((feed) => (feed.urlSecret ? [feed.urlSecret] : []));
    case 'fleet':
      // A staff PC's own sealing key (a kiosk has none): what opens the staff bundles sealed for it.
      return [STAFF_PC_KEY_SECRET];
    default:
      return [];
  }
}

/** A stable name for the source in the status and the sync state (its cursor), without credentials. */
export function sourceId(config: SourceConfig | null): string {
  if (config === null) return 'demo';
  switch (config.type) {
    case 'zermelo':
      return `zermelo:${config.portal}${config.branch ? `/${config.branch}` : ''}`;
    case 'webuntis':
      return `webuntis:${config.server}/${config.school}`;
    case 'fleet':
      return `fleet:${config.school}`;
    default:
      return config.type;
  }
}
