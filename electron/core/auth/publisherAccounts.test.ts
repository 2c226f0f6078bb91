import { describe, expect, it } from 'vitest';
import { hashSecret } from '../crypto/scryptHash';
import { memoryLogger } from '../logger';
import { openRecords } from '../records/openRecords';
import { useTempDirs } from '../testing/tempDir';
import { createAccounts } from './accounts';
import { accountsToSend, type SentAccount, takeAccounts } from './publisherAccounts';
import { createSessions } from './sessions';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 10, 24, 8);
const first = hashSecret('eerste wachtwoord');

function staffPc() {
  const db = openRecords(tempDir(), Buffer.alloc(32, 5), memoryLogger());
  const accounts = createAccounts(db);
  const sessions = createSessions(() => NOW, () => 600_000);
  return { db, accounts, sessions };
}

const jansen: SentAccount = {
  username: 'jansen', displayName: 'M. Jansen', role: 'teacher', disabled: false, email: 'm.jansen@school.nl', teacherCode: 'JAN',
  schoolSubject: null, passwordHash: first, mustChangePassword: true,
};

describe("a staff PC taking the publisher's accounts", () => {
  it('creates them, follows their changes, keeps a password chosen here, and disables those the publisher dropped', () => {
    const { db, accounts, sessions } = staffPc();
    // The break-glass administrator of this PC, and a local account with a name the publisher also uses.
    accounts.create({ username: 'beheer', displayName: 'Beheer (lokaal)', role: 'admin', passwordHash: hashSecret('lokaal wachtwoord'), teacherCode: null, now: NOW });
    const localBakker = accounts.create({ username: 'bakker', displayName: 'Lokale Bakker', role: 'teacher', passwordHash: null, teacherCode: null, now: NOW });
    const bakker = { ...jansen, username: 'bakker', displayName: 'P. Bakker', teacherCode: 'BAK', role: 'admin' as const };

    expect(takeAccounts(accounts, sessions, [jansen, bakker], NOW)).toEqual({ created: 1, changed: 0, disabled: 0, clashes: ['bakker'] });
    const taken = accounts.byUsername('jansen')!;
    expect(taken).toMatchObject({ display_name: 'M. Jansen', role: 'teacher', password_hash: first, must_change_password: 1, from_publisher: 1 });
    // The local account of the same name is left as it was, and is not sent on by this PC either.
    expect(accounts.byId(localBakker.id)).toMatchObject({ display_name: 'Lokale Bakker', role: 'teacher', from_publisher: 0 });
    expect(accountsToSend(accounts).map((a) => a.username).sort()).toEqual(['bakker', 'beheer']);

    // Jansen chooses a password on this PC; the publisher makes them an administrator: the role follows, the password stays.
    const own = hashSecret('mijn eigen wachtwoord');
    accounts.set(taken.id, { password_hash: own, must_change_password: 0 });
    expect(takeAccounts(accounts, sessions, [{ ...jansen, role: 'admin' }], NOW).changed).toBe(1);
    expect(accounts.byUsername('jansen')).toMatchObject({ role: 'admin', password_hash: own, must_change_password: 0 });
    // Nothing changed: nothing written.
    expect(takeAccounts(accounts, sessions, [{ ...jansen, role: 'admin' }], NOW).changed).toBe(0);
    // The publisher's administrator sets a new first password: that one wins again.
    const reset = hashSecret('nieuw eerste wachtwoord');
    takeAccounts(accounts, sessions, [{ ...jansen, role: 'admin', passwordHash: reset }], NOW);
    expect(accounts.byUsername('jansen')).toMatchObject({ password_hash: reset, must_change_password: 1 });

    // Gone from the publisher's list: disabled here, kept for the audit log's names; local accounts untouched.
    expect(takeAccounts(accounts, sessions, [], NOW)).toMatchObject({ disabled: 1 });
    expect(accounts.byUsername('jansen')!.disabled).toBe(1);
    expect(accounts.byUsername('beheer')!.disabled).toBe(0);
    db.close();
  });
});
