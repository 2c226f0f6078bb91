import type { Lesson, Pupil } from '@shared/domain';
import type { LocalDate } from '@shared/domain/time';
import { addDays } from '@shared/timetable/zonedTime';
import { joinCodes, splitCodes } from '../db/codes';
import type { CacheDb } from '../db/open';
import { erasureHash } from '../db/erasureHash';
import type { Delta, PhotoRecord, Snapshot, SyncScope } from './snapshot';
import { initialsCode, isFullName } from '../sources/common/teacherCodes';

/** How long past lessons stay in the cache (for "what did I miss" views); older ones go at the next sync. */
export const KEEP_PAST_DAYS = 28;

export interface WriteContext {
  scope: SyncScope;
  source: string;
  now: number;
  progress?: (done: number, total: number) => void;
  /** Pupils erased on request, by hash of their number: never written again. */
  erasedPupils?: ReadonlySet<string>;
  /** How many days of past lessons to keep (default KEEP_PAST_DAYS). */
  pastDays?: number;
}

export interface WriteSummary {
  lessons: number;
  rooms: number;
  pupils: number;
  removedLessons: number;
}

type Statements = ReturnType<typeof prepare>;

/** Column order of pushLessonValues. */
const LESSON_INSERT_COLUMNS = `(id, start_ms, end_ms, day, period_from, period_to, kind, subjects, groups, teachers, rooms,
  cancelled, added, prev_rooms, prev_teachers, prev_start_ms, description, remark, moved_to_start_ms, moved_to_period, moved_to_rooms)`;
const LESSON_COLUMN_COUNT = 21;
/** Rows per INSERT in a bulk write: one call into SQLite per 64 lessons instead of one per lesson. */
const BATCH = 64;
const ROW_PLACEHOLDERS = `(${Array(LESSON_COLUMN_COUNT).fill('?').join(', ')})`;
const INSERT_COLUMN_NAMES = LESSON_INSERT_COLUMNS.slice(1, -1).split(',').map((c) => c.trim());
const UPDATE_COLUMNS = INSERT_COLUMN_NAMES.filter((c) => c !== 'id' && c !== 'day');
const UPDATE_VALUE_INDEXES = INSERT_COLUMN_NAMES.flatMap((c, i) => (c === 'id' || c === 'day' ? [] : [i]));

function prepare(db: CacheDb, scope: SyncScope) {
  return {
    keepFreeText: scope === 'staff',
    insertLesson: db.prepare(`INSERT INTO lessons ${LESSON_INSERT_COLUMNS} VALUES ${ROW_PLACEHOLDERS}`),
    insertLessonRoom: db.prepare('INSERT OR IGNORE INTO lesson_rooms (room_code, start_ms, end_ms, lesson_rowid, here) VALUES (?, ?, ?, ?, ?)'),
    lessonById: db.prepare('SELECT rowid, start_ms, end_ms, day, rooms, prev_rooms FROM lessons WHERE id = ?'),
    // Every column but the indexed `id` (the same, by definition) and `day` (its index is rewritten only when the
    // day really changes): SQLite rewrites an index entry for each indexed column an UPDATE names.
    updateLesson: db.prepare(`UPDATE lessons SET (${UPDATE_COLUMNS.join(', ')}) = (${UPDATE_COLUMNS.map(() => '?').join(', ')}) WHERE rowid = ?`),
    updateLessonDay: db.prepare('UPDATE lessons SET day = ? WHERE rowid = ?'),
    deleteLessonRoom: db.prepare('DELETE FROM lesson_rooms WHERE room_code = ? AND start_ms = ? AND lesson_rowid = ?'),
    deleteLesson: db.prepare('DELETE FROM lessons WHERE rowid = ?'),
    setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    syncState: db.prepare(`INSERT INTO sync_state (source, last_success_ms, cursor) VALUES (?, ?, ?)
      ON CONFLICT (source) DO UPDATE SET last_success_ms = excluded.last_success_ms, cursor = excluded.cursor`),
  };
}

/**
 * What a kiosk keeps of a teacher: a code. Upstreams send codes ("BRU"); a value with a space is a name, which a
 * kiosk never keeps, so it becomes initials (connectors that expect names give the administrator's codes first, see
 * teacherCodes.ts). Subjects, groups and rooms are not personal data: kiosks keep them whole, as staff PCs do.
 */
export const kioskTeacher = (code: string): string => (isFullName(code) ? initialsCode(code) : code);
const kioskTeachers = (codes: readonly string[]) => [...new Set(codes.map(kioskTeacher))];

/**
 * Free text (an upstream's remark, its change description) can name people: "Gesprek met ouders van Daan",
 * "Inhaaltoets Sanne". Kiosks show lessons by codes only, so they never store it.
 */
function pushLessonValues(out: unknown[], lesson: Lesson, keepFreeText: boolean): void {
  const c = lesson.change;
  out.push(
    lesson.id,
    lesson.start,
    lesson.end,
    lesson.day,
    lesson.periodFrom,
    lesson.periodTo,
    lesson.kind,
    joinCodes(lesson.subjects),
    joinCodes(lesson.groups),
    joinCodes(keepFreeText ? lesson.teachers : kioskTeachers(lesson.teachers)),
    joinCodes(lesson.rooms),
    c.cancelled ? 1 : 0,
    c.added ? 1 : 0,
    joinCodes(c.previousRooms),
    joinCodes(keepFreeText ? c.previousTeachers : kioskTeachers(c.previousTeachers)),
    c.previousStart,
    keepFreeText ? c.description : null,
    keepFreeText ? lesson.remark : null,
    c.movedTo?.start ?? null,
    c.movedTo?.periodFrom ?? null,
    c.movedTo ? joinCodes(c.movedTo.rooms) : null,
  );
}

function insertLessonRooms(s: Statements, lesson: Lesson, rowid: number | bigint): void {
  for (const room of lesson.rooms) s.insertLessonRoom.run(room, lesson.start, lesson.end, rowid, 1);
  for (const room of lesson.change.previousRooms) {
    if (!lesson.rooms.includes(room)) s.insertLessonRoom.run(room, lesson.start, lesson.end, rowid, 0);
  }
}

function insertLesson(s: Statements, lesson: Lesson): void {
  const values: unknown[] = [];
  pushLessonValues(values, lesson, s.keepFreeText);
  insertLessonRooms(s, lesson, s.insertLesson.run(...values).lastInsertRowid);
}

/**
 * Bulk insert for snapshots: lessons in batches, then their room entries derived inside SQLite (one statement for
 * the usual single-room lesson; the few with several rooms or a previous room go through JS).
 */
function insertLessonsInBulk(db: CacheDb, s: Statements, lessons: readonly Lesson[], progress?: (done: number, total: number) => void): void {
  const before = (db.prepare('SELECT coalesce(max(rowid), 0) FROM lessons').pluck().get() as number);
  const batch = db.prepare(`INSERT INTO lessons ${LESSON_INSERT_COLUMNS} VALUES ${Array(BATCH).fill(ROW_PLACEHOLDERS).join(', ')}`);
  const values: unknown[] = [];
  let i = 0;
  for (; i + BATCH <= lessons.length; i += BATCH) {
    values.length = 0;
    for (let j = i; j < i + BATCH; j++) pushLessonValues(values, lessons[j]!, s.keepFreeText);
    batch.run(...values);
    if (progress && i % (BATCH * 160) === 0) progress(i, lessons.length);
  }
  for (; i < lessons.length; i++) {
    values.length = 0;
    pushLessonValues(values, lessons[i]!, s.keepFreeText);
    s.insertLesson.run(...values);
  }
  db.prepare(`INSERT OR IGNORE INTO lesson_rooms (room_code, start_ms, end_ms, lesson_rowid, here)
    SELECT rooms, start_ms, end_ms, rowid, 1 FROM lessons WHERE rowid > ? AND rooms <> '' AND instr(rooms, char(31)) = 0`).run(before);
  const special = db.prepare(`SELECT rowid, start_ms, end_ms, rooms, prev_rooms FROM lessons
    WHERE rowid > ? AND (instr(rooms, char(31)) > 0 OR prev_rooms <> '')`).all(before) as { rowid: number; start_ms: number; end_ms: number; rooms: string; prev_rooms: string }[];
  for (const row of special) {
    const rooms = splitCodes(row.rooms);
    for (const room of rooms) s.insertLessonRoom.run(room, row.start_ms, row.end_ms, row.rowid, 1);
    for (const room of splitCodes(row.prev_rooms)) if (!rooms.includes(room)) s.insertLessonRoom.run(room, row.start_ms, row.end_ms, row.rowid, 0);
  }
}

type ExistingLesson = { rowid: number; start_ms: number; end_ms: number; day: string; rooms: string; prev_rooms: string };

/**
 * A changed lesson is updated where it is (same rowid): a refresh then rewrites only the pages of the lessons that
 * changed, and their room entries only when their rooms or times changed.
 */
function updateOrInsertLesson(s: Statements, lesson: Lesson): void {
  const old = s.lessonById.get(lesson.id) as ExistingLesson | undefined;
  if (!old) return insertLesson(s, lesson);
  const values: unknown[] = [];
  pushLessonValues(values, lesson, s.keepFreeText);
  s.updateLesson.run(...UPDATE_VALUE_INDEXES.map((i) => values[i]), old.rowid);
  if (old.day !== lesson.day) s.updateLessonDay.run(lesson.day, old.rowid);
  const roomsMoved = old.start_ms !== lesson.start || old.end_ms !== lesson.end
    || old.rooms !== joinCodes(lesson.rooms) || old.prev_rooms !== joinCodes(lesson.change.previousRooms);
  if (!roomsMoved) return;
  for (const room of new Set([...splitCodes(old.rooms), ...splitCodes(old.prev_rooms)])) s.deleteLessonRoom.run(room, old.start_ms, old.rowid);
  insertLessonRooms(s, lesson, old.rowid);
}

function deleteLessonById(s: Statements, id: string): boolean {
  const row = s.lessonById.get(id) as { rowid: number; start_ms: number; rooms: string; prev_rooms: string } | undefined;
  if (!row) return false;
  for (const room of new Set([...splitCodes(row.rooms), ...splitCodes(row.prev_rooms)])) s.deleteLessonRoom.run(room, row.start_ms, row.rowid);
  s.deleteLesson.run(row.rowid);
  return true;
}

function deleteLessonsBetween(db: CacheDb, from: LocalDate | null, to: LocalDate): number {
  const range = from === null ? 'day <= ?' : 'day BETWEEN ? AND ?';
  const args = from === null ? [to] : [from, to];
  db.prepare(`DELETE FROM lesson_rooms WHERE lesson_rowid IN (SELECT rowid FROM lessons WHERE ${range})`).run(...args);
  return db.prepare(`DELETE FROM lessons WHERE ${range}`).run(...args).changes;
}

/** Kiosk machines keep no personal data, whatever a source sent and whatever an earlier mode left behind. */
export function purgePersonalData(db: CacheDb): void {
  db.exec(`DELETE FROM photos; DELETE FROM group_members; DELETE FROM pupils; UPDATE teachers SET first_name = NULL, prefix = NULL, last_name = NULL;
    UPDATE lessons SET description = NULL, remark = NULL WHERE description IS NOT NULL OR remark IS NOT NULL;`);
}

/**
 * A staff PC turned kiosk: its lessons were stored in staff form, and a teacher "code" can be a name (see
 * kioskTeacher). They are rewritten as a kiosk stores them, so the screen keeps its timetable until the next sync
 * without showing what a kiosk never keeps.
 */
export function rewriteLessonsInKioskForm(db: CacheDb): number {
  const rows = db.prepare('SELECT rowid, teachers, prev_teachers FROM lessons').all() as Array<Record<'teachers' | 'prev_teachers', string> & { rowid: number }>;
  const update = db.prepare('UPDATE lessons SET teachers = ?, prev_teachers = ? WHERE rowid = ?');
  const kioskForm = (joined: string) => joinCodes(kioskTeachers(splitCodes(joined)));
  let changed = 0;
  for (const row of rows) {
    const next = [kioskForm(row.teachers), kioskForm(row.prev_teachers)];
    if (next[0] === row.teachers && next[1] === row.prev_teachers) continue;
    update.run(...next, row.rowid);
    changed++;
  }
  const named = db.prepare("SELECT code FROM teachers WHERE code LIKE '% %'").all() as Array<{ code: string }>;
  const recode = db.prepare('UPDATE OR REPLACE teachers SET code = ? WHERE code = ?');
  for (const { code } of named) recode.run(kioskTeacher(code), code);
  return changed + named.length;
}

function replaceReferenceData(db: CacheDb, snapshot: Snapshot, scope: SyncScope): void {
  db.exec('DELETE FROM periods; DELETE FROM holidays; DELETE FROM rooms; DELETE FROM subjects; DELETE FROM groups; DELETE FROM teachers; DELETE FROM announcements;');
  const period = db.prepare('INSERT INTO periods (number, name, start, "end") VALUES (?, ?, ?, ?)');
  for (const p of snapshot.periods) period.run(p.number, p.name, p.start, p.end);
  const holiday = db.prepare('INSERT OR IGNORE INTO holidays (name, "from", "to") VALUES (?, ?, ?)');
  for (const h of snapshot.holidays) holiday.run(h.name, h.from, h.to);
  const room = db.prepare('INSERT OR REPLACE INTO rooms (code, name, building, floor, kind, capacity) VALUES (?, ?, ?, ?, ?, ?)');
  for (const r of snapshot.rooms) room.run(r.code, r.name, r.building, r.floor, r.kind, r.capacity);
  const subject = db.prepare('INSERT OR REPLACE INTO subjects (code, name) VALUES (?, ?)');
  for (const x of snapshot.subjects) subject.run(x.code, x.name);
  const group = db.prepare('INSERT OR REPLACE INTO groups (code, name, kind, year) VALUES (?, ?, ?, ?)');
  for (const g of snapshot.groups) group.run(g.code, g.name, g.kind, g.year);
  const teacher = db.prepare('INSERT OR REPLACE INTO teachers (code, first_name, prefix, last_name) VALUES (?, ?, ?, ?)');
  for (const t of snapshot.teachers) {
    const name = scope === 'staff' ? t.name : null;
    teacher.run(scope === 'staff' ? t.code : kioskTeacher(t.code), name?.firstName ?? null, name?.prefix ?? null, name?.lastName ?? null);
  }
  const announcement = db.prepare('INSERT OR REPLACE INTO announcements (id, title, body, start_ms, end_ms, audience, priority, emergency) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const a of snapshot.announcements) announcement.run(a.id, a.title, a.body, a.start, a.end, joinCodes(a.audience), a.priority, a.emergency ? 1 : 0);
}

/** Photos from a staff bundle (the fleet's staff PCs): only for pupils in the list who consented, like any photo. */
function writePhotos(db: CacheDb, photos: { upsert: readonly PhotoRecord[]; remove: readonly string[]; all?: boolean }): void {
  if (photos.all) db.exec('DELETE FROM photos');
  const remove = db.prepare('DELETE FROM photos WHERE pupil_number = ?');
  for (const number of photos.remove) remove.run(number);
  const insert = db.prepare('INSERT OR REPLACE INTO photos (pupil_number, mime, width, height, bytes) VALUES (?, ?, ?, ?, ?)');
  for (const p of photos.upsert) insert.run(p.pupilNumber, p.mime, p.width, p.height, Buffer.from(p.bytes));
  db.exec('DELETE FROM photos WHERE pupil_number NOT IN (SELECT number FROM pupils WHERE photo_consent = 1)');
}

/** Pupils changed since the staff bundle's full one: each written whole (names, consent, groups), or taken out. */
function changePupils(db: CacheDb, pupils: { upsert: readonly Pupil[]; remove: readonly string[] }, erased: ReadonlySet<string> | undefined): void {
  const idOf = db.prepare('SELECT id FROM pupils WHERE number = ?').pluck();
  const leave = db.prepare('DELETE FROM group_members WHERE pupil_id = ?');
  const remove = db.prepare('DELETE FROM pupils WHERE id = ?');
  const write = db.prepare(`INSERT INTO pupils (number, first_name, prefix, last_name, photo_consent) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (number) DO UPDATE SET first_name = excluded.first_name, prefix = excluded.prefix, last_name = excluded.last_name, photo_consent = excluded.photo_consent`);
  const member = db.prepare('INSERT OR IGNORE INTO group_members (group_code, pupil_id) VALUES (?, ?)');
  const gone = (number: string) => {
    const id = idOf.get(number) as number | undefined;
    if (id === undefined) return;
    leave.run(id);
    remove.run(id);
  };
  for (const number of pupils.remove) gone(number);
  for (const p of pupils.upsert) {
    // A pupil erased on this PC (a privacy request) stays erased, whatever the publisher still sends.
    if (erased?.size && erased.has(erasureHash(p.number))) {
      gone(p.number);
      continue;
    }
    write.run(p.number, p.firstName, p.prefix, p.lastName, p.photoConsent ? 1 : 0);
    const id = idOf.get(p.number) as number;
    leave.run(id);
    for (const g of p.groups) member.run(g, id);
  }
  db.exec('DELETE FROM photos WHERE pupil_number NOT IN (SELECT number FROM pupils WHERE photo_consent = 1)');
}

function replacePupils(db: CacheDb, snapshot: Pick<Snapshot, 'pupils'>, erased: ReadonlySet<string> | undefined): void {
  db.exec('DELETE FROM group_members; DELETE FROM pupils;');
  const pupil = db.prepare('INSERT INTO pupils (number, first_name, prefix, last_name, photo_consent) VALUES (?, ?, ?, ?, ?)');
  const member = db.prepare('INSERT OR IGNORE INTO group_members (group_code, pupil_id) VALUES (?, ?)');
  for (const p of snapshot.pupils) {
    if (erased?.size && erased.has(erasureHash(p.number))) continue;
    const { lastInsertRowid } = pupil.run(p.number, p.firstName, p.prefix, p.lastName, p.photoConsent ? 1 : 0);
    for (const g of p.groups) member.run(g, lastInsertRowid);
  }
  // Photos of pupils who are no longer in the school's list go with them, and so do those whose consent was withdrawn.
  db.exec('DELETE FROM photos WHERE pupil_number NOT IN (SELECT number FROM pupils WHERE photo_consent = 1)');
}

/**
 * Applies a full snapshot in ONE immediate transaction: WAL readers see the old timetable or the new one,
 * never a mix, and a failure half-way leaves the old one in place.
 */
export function writeSnapshot(db: CacheDb, snapshot: Snapshot, ctx: WriteContext): WriteSummary {
  const s = prepare(db, ctx.scope);
  const run = db.transaction((): WriteSummary => {
    s.setMeta.run('school_name', snapshot.school.name);
    s.setMeta.run('zone', snapshot.school.zone);
    s.setMeta.run('scope', ctx.scope);
    replaceReferenceData(db, snapshot, ctx.scope);
    if (ctx.scope === 'staff') {
      replacePupils(db, snapshot, ctx.erasedPupils);
      if (snapshot.photos) writePhotos(db, { upsert: snapshot.photos, remove: [], all: true });
    } else purgePersonalData(db);

    let removed = deleteLessonsBetween(db, snapshot.window.from, snapshot.window.to);
    removed += deleteLessonsBetween(db, null, addDays(snapshot.window.from, -(ctx.pastDays ?? KEEP_PAST_DAYS) - 1));
    insertLessonsInBulk(db, s, snapshot.lessons, ctx.progress);
    s.syncState.run(ctx.source, ctx.now, snapshot.cursor);
    return { lessons: snapshot.lessons.length, rooms: snapshot.rooms.length, pupils: ctx.scope === 'staff' ? snapshot.pupils.length : 0, removedLessons: removed };
  });
  return run.immediate();
}

export function writeDelta(db: CacheDb, delta: Delta, ctx: WriteContext): WriteSummary {
  const s = prepare(db, ctx.scope);
  const run = db.transaction((): WriteSummary => {
    let removed = delta.replaceDays ? deleteLessonsBetween(db, delta.replaceDays.from, delta.replaceDays.to) : 0;
    for (const id of delta.removeLessonIds) if (deleteLessonById(s, id)) removed++;
    for (const lesson of delta.upsertLessons) updateOrInsertLesson(s, lesson);
    // Pupils and photos come in a delta from the fleet's staff bundle only, and are written by a staff PC only.
    if (ctx.scope === 'staff' && delta.pupils) changePupils(db, delta.pupils, ctx.erasedPupils);
    if (ctx.scope === 'staff' && delta.photos) writePhotos(db, delta.photos);
    s.syncState.run(ctx.source, ctx.now, delta.cursor);
    return { lessons: delta.upsertLessons.length, rooms: 0, pupils: ctx.scope === 'staff' ? delta.pupils?.upsert.length ?? 0 : 0, removedLessons: removed };
  });
  return run.immediate();
}

/** A sync that found nothing new still counts as a success: the data is confirmed fresh. */
export function writeUnchanged(db: CacheDb, ctx: WriteContext): void {
  db.prepare('UPDATE sync_state SET last_success_ms = ? WHERE source = ?').run(ctx.now, ctx.source);
}
