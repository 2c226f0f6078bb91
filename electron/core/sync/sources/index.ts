import type { SourceConfig } from '../../../../shared/settings';
import type { Source } from '../snapshot';
import { createDemoSource } from './demo';

/** The source for the configured settings; with nothing configured, the built-in demo school. */
export function createSource(config: SourceConfig | null): Source {
  if (config === null) return createDemoSource({ size: 'standard' });
  switch (config.type) {
    case 'demo':
      return createDemoSource({ size: config.size });
  }
}

export function sourceId(config: SourceConfig | null): string {
  return config === null ? 'demo' : config.type;
}
