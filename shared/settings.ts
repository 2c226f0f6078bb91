import { z } from 'zod';
import { AppMode } from './contract/roles';
import { DisplayProfile, ProfileId } from './domain/display';
import { ZoneName } from './domain/time';

/** A node-cron expression: five or six space-separated fields. The core checks it with node-cron as well. */
export const CronExpression = z.string().trim().regex(/^(\S+\s+){4,5}\S+$/, 'expected a cron expression such as "*/5 * * * *"');

export const DemoSourceConfig = z.object({
  type: z.literal('demo'),
  /** `standard`: a school of about 900 pupils, two weeks; `large`: 3,000 pupils, 250 staff, 150 rooms, 40 weeks. */
  size: z.enum(['small', 'standard', 'large']).default('standard'),
}).strict();

/** The name of a secret in the machine's secret store (safeStorage in Electron); never the secret itself. */
export const SecretRef = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'a secret name is lower-case letters, digits, dots, dashes and underscores');

/** An upstream address: HTTPS, or plain HTTP to this machine only (a local test server or proxy). */
export const UpstreamUrl = z.string().url().regex(
  /^(https:\/\/|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$))/i,
  'upstream addresses must be https (plain http only to this machine)',
);

/**
 * Sign-in with the school's own account through OpenID Connect (docs/school-sign-in.md): authorization code with
 * PKCE, a loopback redirect. Roles come from the token's group claim, mapped here; a group not listed gives none.
 */
export const SchoolSignIn = z.object({
  /** Which kind of provider, for the page's words and defaults; `custom` is any issuer by its discovery document. */
  preset: z.enum(['entra', 'google', 'custom']).default('custom'),
  /** The issuer exactly as the provider names itself: https://login.microsoftonline.com/<tenant>/v2.0, https://accounts.google.com. */
  issuer: UpstreamUrl,
  clientId: z.string().trim().min(1).max(200),
  /** A confidential client's secret, by name in the secret store; null for a public client (PKCE only). */
  clientSecret: SecretRef.nullable().default(null),
  /** The ID token claim with the account's groups (Entra: `groups`, object ids unless configured otherwise). */
  groupsClaim: z.string().trim().min(1).max(100).default('groups'),
  /** Group to role; an account in none of these groups may not sign in, and loses its role at its next sign-in. */
  roles: z.array(z.object({ group: z.string().trim().min(1).max(200), role: z.enum(['teacher', 'admin']) }).strict()).max(200).default([]),
  /** `amr` values that mean the provider asked for a second factor (RFC 8176); `acr` values that do as well. */
  secondFactorAmr: z.array(z.string().max(40)).max(20).default(['mfa', 'otp', 'hwk', 'swk', 'sms', 'fpt', 'face', 'pop']),
  secondFactorAcr: z.array(z.string().max(200)).max(20).default([]),
}).strict();
export type SchoolSignIn = z.infer<typeof SchoolSignIn>;

/** How many school weeks from the current one a connector fetches. */
const Weeks = z.number().int().min(1).max(8).default(2);

export const ZermeloSourceConfig = z.object({
  type: z.literal('zermelo'),
  /** The portal name: `school` for https://school.zportal.nl. */
  portal: z.string().regex(/^[a-z0-9-]{2,63}$/, 'the portal name as in https://<portal>.zportal.nl'),
  /** Overrides https://<portal>.zportal.nl/api/v3 (a proxy, or a test server). */
  baseUrl: UpstreamUrl.optional(),
  /** Only this branch (vestiging) code, e.g. `hoofd`. */
  branch: z.string().min(1).max(40).optional(),
  /** The access token from linking with the koppelcode. */
  token: SecretRef.default('zermelo.token'),
  weeks: Weeks,
}).strict();

export const WebUntisSourceConfig = z.object({
  type: z.literal('webuntis'),
  /** Host name, e.g. `nessa.webuntis.com`. */
  server: z.string().regex(/^[a-z0-9.-]+$/i, 'a host name such as nessa.webuntis.com'),
  /** The school's login name in WebUntis. */
  school: z.string().min(1).max(100),
  username: z.string().min(1).max(100),
  password: SecretRef.default('webuntis.password'),
  baseUrl: UpstreamUrl.optional(),
  weeks: Weeks,
}).strict();

/** Where a feed puts one fact: a property and, optionally, a pattern whose first group is the value. */
export const IcalFieldRule = z.object({
  from: z.enum(['location', 'summary', 'description', 'categories']),
  /** Checked where it is saved (sources.set) and compiled (RE2, in the connector), not here: a stored file stays readable. */
  pattern: z.string().max(200).optional(),
}).strict();

export const IcalFeedConfig = z.object({
  name: z.string().min(1).max(80),
  /** A plain feed address; or `urlSecret` for tokenised addresses (they are credentials). */
  url: UpstreamUrl.optional(),
  urlSecret: SecretRef.optional(),
  room: IcalFieldRule.default({ from: 'location' }),
  subject: IcalFieldRule.default({ from: 'summary' }),
  teacher: IcalFieldRule.optional(),
  group: IcalFieldRule.optional(),
  /**
   * This feed is the school's calendar of holidays and study days: its all-day events are days off (screens that
   * are off on holidays stay dark). All-day events in other feeds are bookings (an excursion, a test week), never
   * days off, whatever they are called.
   */
  daysOff: z.boolean().default(false),
}).strict().refine((f) => (f.url === undefined) !== (f.urlSecret === undefined), 'give a feed either url or urlSecret');

export const IcalSourceConfig = z.object({
  type: z.literal('ical'),
  feeds: z.array(IcalFeedConfig).min(1).max(500),
  /** Or by category: all-day events with this CATEGORIES value are days off, in any feed (e.g. "Vakantie"). */
  daysOffCategory: z.string().trim().min(1).max(80).optional(),
  /**
   * Feeds that name teachers in full ("Bouke Bruinsma") are shown on screens by a code, never the name: the code
   * given here, or the initials ("BB"). "Test connection" lists the codes in use.
   */
  teacherCodes: z.array(z.object({
    name: z.string().trim().min(3).max(120).regex(/\s/, 'a full name: first name and surname'),
    code: z.string().trim().min(1).max(12).regex(/^\S+$/, 'a code without spaces, such as BRU'),
  }).strict()).max(1000).default([]),
  weeks: Weeks,
}).strict();

export const UntisGpuSourceConfig = z.object({
  type: z.literal('untis-gpu'),
  /** The folder Untis exports GPU001.TXT ... GPU014.TXT into. */
  folder: z.string().min(1).max(500),
  encoding: z.enum(['auto', 'utf-8', 'windows-1252']).default('auto'),
  /** The Monday the exported timetable applies from (GPU files carry weekdays, not dates). */
  validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  weeks: Weeks,
}).strict();

/**
 * The fleet's broker (docs/fleet-mqtt.md): push in well under a second, and presence from the broker's Last Will.
 * The folder stays the fallback. `caFile`: the certificate authority a broker on another machine (mqtts://) is
 * checked against; `embedded`: the publisher runs the broker itself on this address's port (a school with none).
 */
export const FleetMqttConfig = z.object({
  url: z.string().max(300).regex(/^mqtts?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/, 'a broker address looks like mqtt://broker.school.nl:1883 or mqtts://broker.school.nl:8883'),
  prefix: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}(\/[a-z0-9][a-z0-9-]{0,39}){0,3}$/, 'a topic prefix is lower-case words separated by /').default('gangbord'),
  caFile: z.string().min(1).max(500).optional(),
  embedded: z.boolean().default(false),
  /** Seconds between a screen's pings: the broker says it is offline 1.5 times this after it went silent. */
  keepaliveSeconds: z.number().int().min(2).max(600).default(10),
  /**
   * A publisher desk of a school board: the other schools whose screens its Screens page shows, each with its
   * publisher's key (their rosters are checked by it). The board's broker must let this desk read them (its ACL).
   */
  board: z.array(z.object({
    school: z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'a school id is lower-case letters, digits and dashes'),
    publisherKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "the publisher's key is 43 characters of base64url"),
  }).strict()).max(60).default([]),
}).strict();
export type FleetMqttConfig = z.infer<typeof FleetMqttConfig>;

/**
 * A screen in a school's fleet (docs/fleet.md): it takes what it shows from the bundles the school's publisher signs
 * into a shared folder, and holds no upstream credential. Set by a provisioning file when the screen is mounted.
 */
export const FleetSourceConfig = z.object({
  type: z.literal('fleet'),
  /** The fleet folder: a Windows share, a NAS or a cloud-synced folder. */
  folder: z.string().min(1).max(500),
  /** The school's id, as the publisher signs it into every envelope. */
  school: z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'a school id is lower-case letters, digits and dashes'),
  /** The publisher's Ed25519 public key (43 characters, base64url), pinned when the screen is mounted. */
  publisherKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "the publisher's key is 43 characters of base64url"),
  /** The broker for push (docs/fleet-mqtt.md); the folder is still read, as the fallback. */
  mqtt: FleetMqttConfig.optional(),
}).strict();

/** Upstream sources. With none configured the demo school is the source. */
export const SourceConfig = z.discriminatedUnion('type', [DemoSourceConfig, ZermeloSourceConfig, WebUntisSourceConfig, IcalSourceConfig, UntisGpuSourceConfig, FleetSourceConfig]);
export type SourceConfig = z.infer<typeof SourceConfig>;

export const Settings = z.object({
  mode: AppMode.default('kiosk'),
  /** The school's name on screens, where the source does not say it (iCalendar feeds, Untis files). */
  schoolName: z.string().trim().min(1).max(120).nullable().default(null),
  locale: z.enum(['nl', 'en']).default('nl'),
  zone: ZoneName.default('Europe/Amsterdam'),
  sync: z.object({
    schedule: CronExpression.default('*/5 * * * *'),
    /** Each run waits a random 0..jitter seconds so that forty screens do not all ask the upstream at once. */
    jitterSeconds: z.number().int().min(0).max(3600).default(60),
  }).strict().default({ schedule: '*/5 * * * *', jitterSeconds: 60 }),
  source: SourceConfig.nullable().default(null),
  /**
   * This staff PC is the school's fleet publisher's desk (docs/fleet.md): its Screens page approves screens, shows
   * their health and sends alerts through this folder, signed with the publisher's key in this PC's secret store.
   */
  fleet: z.object({
    folder: z.string().min(1).max(500),
    school: z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'a school id is lower-case letters, digits and dashes'),
    /**
     * publisher: this PC holds the publisher key, syncs the school's source in kiosk scope every `publishEverySeconds`
     * and signs the bundles and the roster. sender: it only sends alerts, with a key of its own that the publisher's
     * administrator adds to the roster, and counts acknowledgements against the roster signed by `publisherKey`.
     */
    role: z.enum(['publisher', 'sender']).default('publisher'),
    publisherKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "the publisher's key is 43 characters of base64url").nullable().default(null),
    publishEverySeconds: z.number().int().min(10).max(3600).default(60),
    /** The fleet's broker, beside the folder (docs/fleet-mqtt.md); with `embedded` the publisher runs it. */
    mqtt: FleetMqttConfig.optional(),
  }).strict().refine((f) => f.role === 'publisher' || f.publisherKey !== null, {
    message: "an alert sender needs the publisher's key (publisherKey) to read the roster",
    path: ['publisherKey'],
  }).nullable().default(null),
  display: z.object({
    profiles: z.array(DisplayProfile).max(200).default([]),
    /** The profile this screen runs; a `--profile` flag wins for one run. Null: the first profile, or the default. */
    active: ProfileId.nullable().default(null),
    /** scrypt hash of the PIN that unlocks the on-screen profile switch (`npm run hash-pin`); null: switch off. */
    pinHash: z.string().max(300).nullable().default(null),
  }).strict().default({ profiles: [], active: null, pinHash: null }),
  kiosk: z.object({
    /** Start Gangbord when the user logs in: null means on for an installed kiosk, off otherwise. */
    startAtLogin: z.boolean().nullable().default(null),
  }).strict().default({ startAtLogin: null }),
  staff: z.object({
    /** A shared staff-room PC locks back to sign-in after this many minutes without input. */
    idleLockMinutes: z.number().int().min(1).max(120).default(5),
    /** Sign in with the school's own account (OpenID Connect); null: local accounts only. */
    schoolSignIn: SchoolSignIn.nullable().default(null),
  }).strict().default({ idleLockMinutes: 5, schoolSignIn: null }),
  retention: z.object({
    /**
     * Past lessons stay this many days (for "what did I miss"), then go at the next sync; at most a school year.
     * Pupils who left the school's list go at the next sync, their photos with them.
     */
    pastTimetableDays: z.number().int().min(0).max(366).default(28),
  }).strict().default({ pastTimetableDays: 28 }),
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
