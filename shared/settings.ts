import { z } from 'zod';
import { AppMode } from './contract/roles';
import { ZoneName } from './domain/time';

/** A node-cron expression: five or six space-separated fields. The core checks it with node-cron as well. */
export const CronExpression = z.string().trim().regex(/^(\S+\s+){4,5}\S+$/, 'expected a cron expression such as "*/5 * * * *"');

export const DemoSourceConfig = z.object({
  type: z.literal('demo'),
  /** `standard`: a school of about 900 pupils, two weeks; `large`: 3,000 pupils, 250 staff, 150 rooms, 40 weeks. */
  size: z.enum(['small', 'standard', 'large']).default('standard'),
}).strict();

/** Upstream sources. With none configured the demo school is the source. Connectors add their own entries here. */
export const SourceConfig = z.discriminatedUnion('type', [DemoSourceConfig]);
export type SourceConfig = z.infer<typeof SourceConfig>;

export const Settings = z.object({
  mode: AppMode.default('kiosk'),
  locale: z.enum(['nl', 'en']).default('nl'),
  zone: ZoneName.default('Europe/Amsterdam'),
  sync: z.object({
    schedule: CronExpression.default('*/5 * * * *'),
    /** Each run waits a random 0..jitter seconds so that forty screens do not all ask the upstream at once. */
    jitterSeconds: z.number().int().min(0).max(3600).default(60),
  }).strict().default({ schedule: '*/5 * * * *', jitterSeconds: 60 }),
  source: SourceConfig.nullable().default(null),
  security: z.object({
    /**
     * Where the OS offers no real keystore (Linux without a keyring: safeStorage's `basic_text`), the cache key is
     * only obscured. Kiosks hold no personal data and run anyway; a staff PC refuses until an administrator accepts.
     */
    acceptWeakKeyStorage: z.boolean().default(false),
  }).strict().default({ acceptWeakKeyStorage: false }),
}).strict();
export type Settings = z.infer<typeof Settings>;
export type SettingsInput = z.input<typeof Settings>;

export const defaultSettings = (): Settings => Settings.parse({});
