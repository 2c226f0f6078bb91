import { localDateOf } from '@shared/timetable/zonedTime';
import { pupilSearchDays, pupilSearchDetail } from '../audit/pupilSearches';
import { type CallName, callNames, type SyncStatus } from '@shared/contract';
import type { SourceConfig } from '@shared/settings';
import { type AuditEntry, displayName, type StaffUser } from '@shared/domain';
import type { AuditLog } from '../audit/auditLog';
import { rulePatternProblem } from '../sources/common/fieldRules';
import type { AuthService } from '../auth/authService';
import type { AccountImport } from '../auth/import/importAccounts';
import type { SchoolSignInService } from '../auth/schoolSignIn/schoolSignIn';
import type { CacheDb } from '../db/open';
import { previewPhotos } from '../photos/previewPhotos';
import type { ImportPhotos } from '../photos/types';
import type { SearchIndex } from '../search/searchIndex';
import type { Privacy } from '../staff/privacy';
import type { Pupils } from '../staff/pupils';
import type { Timetables } from '../staff/timetables';
import { CallFailure } from './callFailure';
import type { SchoolSettingsExchange } from '../staff/schoolSettingsExchange';
import { isPupilLook, withPupilNames } from './pupilNames';
import type { FleetStaff } from '../fleet/fleetStaff';
import type { Handlers } from './dispatcher';
import { createFleetHandlers } from './fleetHandlers';

/** Configuring the upstream source: settings, credentials (names only ever leave), Zermelo linking. */
export interface SourceAdmin {
  get():
    | { source: SourceConfig | null; secretsSet: string[]; status: SyncStatus }
    | Promise<{ source: SourceConfig | null; secretsSet: string[]; status: SyncStatus }>;
  set(source: SourceConfig | null): void;
  setSecret(name: string, value: string): Promise<void>;
  linkZermelo(portal: string, koppelcode: string, tokenName: string): Promise<void>;
}

export interface StaffServices {
  sources: SourceAdmin;
  fleet: FleetStaff;
  /** Accounts and the school sign-in: sent by the publisher desk, taken by a staff PC in the fleet. */
  schoolSettings: SchoolSettingsExchange;
  cache: CacheDb;
  auth: AuthService;
  accountImport: AccountImport;
  schoolSignIn: SchoolSignInService;
  audit: AuditLog;
  pupils: Pupils;
  timetables: Timetables;
  privacy: Privacy;
  search: SearchIndex;
  importPhotos: ImportPhotos;
  now(): number;
  /** The school's time zone, for summaries by local day. */
  zone(): string;
  onImportProgress(done: number, total: number): void;
}

/** Calls every machine answers (kiosk views, display, sync); everything else exists on staff PCs only. */
export const machineCallNames = [
  'app.info', 'clock.now', 'kiosk.nowNext', 'kiosk.roomDay', 'kiosk.changes', 'display.current', 'display.choose', 'rooms.list',
  'announcements.current', 'sync.status', 'sync.runNow', 'sources.test', 'fleet.screen',
] as const satisfies readonly CallName[];
type StaffCallName = Exclude<CallName, (typeof machineCallNames)[number]>;
export type StaffHandlers = Pick<Handlers, StaffCallName>;
export const staffCallNames = callNames.filter((n): n is StaffCallName => !(machineCallNames as readonly string[]).includes(n));

/** The dispatcher has checked the role; this is for the type system, and a second lock. */
const signedIn = (user: StaffUser | null): StaffUser => {
  if (!user) throw new CallFailure('UNAUTHENTICATED', 'Sign in first.');
  return user;
};

/**
 * Staff calls. Every read of a pupil's personal data (card, photo, timetable, whereabouts, a class list) writes an
 * audit entry, after the data is read and before it is returned: no answer without its entry.
 */
export function createStaffHandlers(s: StaffServices): StaffHandlers {
  const { auth, audit, pupils, timetables, privacy } = s;
  const withNames = (entries: AuditEntry[]) => withPupilNames(s.cache, entries);
  /** The school's pupils by number, and those whose photo may not be kept (their files are refused and reported). */
  const pupilConsent = () => {
    const rows = s.cache.prepare('SELECT number, photo_consent FROM pupils').all() as { number: string; photo_consent: number }[];
    return { pupilNumbers: rows.map((p) => p.number), withoutConsent: new Set(rows.filter((p) => p.photo_consent !== 1).map((p) => p.number)) };
  };
  /** A teacher's name without the code (or the code, when the timetable has no name): accounts show the code beside it. */
  const teacherPersonName = (code: string) => {
    const t = s.cache.prepare('SELECT first_name, prefix, last_name FROM teachers WHERE code = ?').get(code) as { first_name: string | null; prefix: string | null; last_name: string | null } | undefined;
    return t?.first_name && t.last_name ? displayName({ firstName: t.first_name, prefix: t.prefix, lastName: t.last_name }) : code;
  };
  /** "M. de Beek (BEE)", for titles and lists that show a teacher once. */
  const teacherName = (code: string) => {
    const name = teacherPersonName(code);
    return name === code ? code : `${name} (${code})`;
  };
  return {
    'auth.status': (_, { caller }) => auth.status(caller),
    'auth.setup': (input, { caller }) => auth.setup(caller, input),
    'auth.signIn': (input, { caller }) => auth.signIn(caller, input),
    'auth.verifyTotp': (input, { caller }) => auth.verifyTotp(caller, input.code),
    'auth.setNewPassword': (input, { caller }) => auth.setNewPassword(caller, input.password),
    'auth.schoolSignInStart': (input, { caller }) => s.schoolSignIn.start(caller, input.redirectUri),
    'auth.schoolSignInFinish': (input, { caller }) => s.schoolSignIn.finish(caller, input.callbackUrl),
    'auth.useRecoveryCode': (input, { caller }) => auth.useRecoveryCode(caller, input.code),
    'auth.newRecoveryCodes': (input, { caller, user }) => auth.newRecoveryCodes(caller, signedIn(user), input.code),
    'auth.signOut': (_, { caller }) => auth.signOut(caller),
    'auth.changePassword': (input, { caller, user }) => auth.changePassword(caller, signedIn(user), input.current, input.next),
    'auth.enrollTotp': (_, { user }) => auth.enrollTotp(signedIn(user)),
    'accounts.list': () => auth.list(),
    'accounts.create': (input, { user }) => auth.create(signedIn(user), input),
    'accounts.update': (input, { user }) => auth.update(signedIn(user), input),
    'accounts.importPreview': (input, { user }) => s.accountImport.preview(signedIn(user), input.csv),
    'accounts.import': (input, { user }) => s.accountImport.apply(signedIn(user), input.csv),
    'accounts.bulkUpdate': (input, { user }) => s.accountImport.bulkUpdate(signedIn(user), input),
    'accounts.fromUpstream': (_, { user }) => {
      const rows = s.cache.prepare('SELECT code FROM teachers ORDER BY code').pluck().all() as string[];
      return auth.fromUpstream(signedIn(user), rows.map((code) => ({ code, displayName: teacherPersonName(code) })));
    },
    'search.query': (input, { caller, user }) => {
      const hits = s.search.query(input.text, input.limit);
      const pupils = hits.filter((h) => h.kind === 'pupil').length;
      if (pupils === 0) return { hits, pupilsWithheld: false };
      // A search that shows pupils is a look at pupils: audited like a card (docs/security-accounts.md §4).
      const who = signedIn(user).username;
      if (!auth.spendPupilSearch(caller, pupils)) {
        audit.append(who, 'pupil.search', null, pupilSearchDetail(0, input.text, true));
        return { hits: hits.filter((h) => h.kind !== 'pupil'), pupilsWithheld: true };
      }
      audit.append(who, 'pupil.search', null, pupilSearchDetail(pupils, input.text, false));
      return { hits, pupilsWithheld: false };
    },
    'timetable.week': (input, { user }) => {
      if (input.kind !== 'pupil') {
        const title = input.kind === 'teacher' ? teacherName(input.code) : input.code;
        return timetables.week(input.kind, input.code, input.monday, title);
      }
      const row = pupils.find(input.code);
      const week = timetables.week('pupil', row.number, input.monday, displayName({ firstName: row.first_name, prefix: row.prefix, lastName: row.last_name }), pupils.groups(row));
      audit.append(signedIn(user).username, 'pupil.timetable', row.number, `week of ${input.monday}`);
      return week;
    },
    'timetable.whereNow': (input, { user }) => {
      const at = input.at ?? s.now();
      if (input.kind !== 'pupil') return timetables.whereNow(input.kind, input.code, at);
      const row = pupils.find(input.code);
      const answer = timetables.whereNow('pupil', row.number, at, pupils.groups(row));
      audit.append(signedIn(user).username, 'pupil.where-now', row.number, null);
      return answer;
    },
    'subjects.detail': (input) => {
      const subject = timetables.subject(input.code, localDateOf(s.now(), s.zone()));
      return { ...subject, teachers: subject.teachers.map((code) => ({ code, name: teacherName(code) })) };
    },
    'rooms.free': (input) => timetables.freeRooms(input.day, input.period, { building: input.building, minCapacity: input.minCapacity, withOtherRooms: input.withOtherRooms }),
    'pupils.card': (input, { user }) => {
      const row = pupils.find(input.number);
      const { now, next } = timetables.whereNow('pupil', row.number, s.now(), pupils.groups(row));
      const card = pupils.card(row, now, next);
      audit.append(signedIn(user).username, 'pupil.card', row.number, null);
      return card;
    },
    'pupils.photo': (input, { caller, user }) => {
      auth.requireSecondFactor(caller);
      const photo = pupils.photo(pupils.find(input.number));
      audit.append(signedIn(user).username, 'pupil.photo', input.number, null);
      return { mime: photo.mime, base64: photo.bytes.toString('base64') };
    },
    'groups.members': (input, { user }) => {
      const members = pupils.groupMembers(input.group);
      if (members.length === 0 && !s.cache.prepare('SELECT 1 FROM groups WHERE code = ?').get(input.group)) {
        throw new CallFailure('NOT_FOUND', `There is no group ${input.group}.`);
      }
      // One entry per pupil listed, so each pupil's own record of who looked at them is complete.
      const actor = signedIn(user).username;
      for (const pupil of members) audit.append(actor, 'group.members', pupil.number, input.group);
      return { group: input.group, pupils: members };
    },
    'photos.preview': (input) => previewPhotos({ kind: input.kind, path: input.path, pattern: input.pattern, ...pupilConsent() }),
    'host.choosePath': () => {
      throw new CallFailure('UNAVAILABLE', 'Only the desktop app has a file dialog; type the path on this machine.');
    },
    'photos.import': async (input, { user }) => {
      const { pupilNumbers, withoutConsent } = pupilConsent();
      const report = await s.importPhotos(s.cache, {
        kind: input.kind,
        path: input.path,
        pattern: input.pattern,
        pupilNumbers,
        withoutConsent,
        onProgress: s.onImportProgress,
      });
      audit.append(signedIn(user).username, 'photos.import', null, `${report.stored} stored, ${report.unmatched.length} unmatched, ${report.rejected.length} refused of ${report.files}`);
      return report;
    },
    ...createFleetHandlers(s.fleet, audit, signedIn, s.cache),
    'sources.get': () => s.sources.get(),
    'sources.set': (input, { user }) => {
      const problem = input.source?.type === 'ical' ? rulePatternProblem(input.source) : null;
      if (problem) throw new CallFailure('INVALID_INPUT', problem);
      s.sources.set(input.source);
      audit.append(signedIn(user).username, 'sources.change', input.source?.type ?? 'demo', 'source configured');
      return { source: input.source };
    },
    'sources.setSecret': async (input, { user }) => {
      await s.sources.setSecret(input.name, input.value);
      audit.append(signedIn(user).username, 'sources.change', input.name, 'credential stored');
      return {};
    },
    'sources.linkZermelo': async (input, { user }) => {
      await s.sources.linkZermelo(input.portal, input.koppelcode, input.token);
      audit.append(signedIn(user).username, 'sources.change', input.token, 'linked with Zermelo');
      return { linked: true as const };
    },
    'audit.query': (input) => {
      const page = audit.query(input, input.limit, input.before);
      return { ...page, entries: withNames(page.entries) };
    },
    'audit.exportCsv': (input, { user }) => {
      const pupilName = s.cache.prepare('SELECT first_name, prefix, last_name FROM pupils WHERE number = ?');
      const csv = audit.exportCsv(input, (e) => {
        if (e.subject === null || !isPupilLook(e.action)) return null;
        const p = pupilName.get(e.subject) as { first_name: string; prefix: string | null; last_name: string } | undefined;
        return p ? displayName({ firstName: p.first_name, prefix: p.prefix, lastName: p.last_name }) : null;
      });
      audit.append(signedIn(user).username, 'audit.export', input.pupil ?? null, JSON.stringify(input));
      return { csv };
    },
    'audit.pupilSearches': (input) => ({ rows: pupilSearchDays(audit.entriesOf('pupil.search', s.now() - input.days * 86_400_000), s.zone()) }),
    'audit.verify': () => audit.verify(),
    'privacy.export': (input, { user }) => {
      const json = privacy.export(input.number);
      audit.append(signedIn(user).username, 'privacy.export', input.number, null);
      return { json };
    },
    'privacy.erase': (input, { user }) => {
      const { erased } = privacy.erase(input.number, signedIn(user).username);
      // The search index is built from the cache: it must forget her now, not at the next sync.
      s.search.invalidate();
      return { erased };
    },
  };
}

/** On a kiosk there are no staff services at all: every staff call says so. */
export function kioskStaffHandlers(): StaffHandlers {
  const refuse = () => {
    throw new CallFailure('FORBIDDEN', 'This is a corridor screen: staff features are not available here.');
  };
  return Object.fromEntries(staffCallNames.map((name) => [name, refuse])) as unknown as StaffHandlers;
}
