import { describe, expect, it } from 'vitest';
import { at, DAY, lesson, sampleSnapshot } from '../testing/sampleSchool';
import { startCore } from '../testing/startedCore';
import { useTempDirs } from '../testing/tempDir';

/*
 * Subjects, groups and rooms are not personal data, so a kiosk shows them as the upstream writes them: kiosks once
 * kept a code's first word and 12 characters, which showed "Schoolexamen", "Aardrijkskun" and "4". Teachers are
 * shown by a code: an upstream's code whole, a full name never (its initials instead).
 */
const tempDir = useTempDirs();

describe('a kiosk shows subjects, groups and rooms whole', () => {
  it('keeps "Aardrijkskunde", "Schoolexamen Nederlands" and "4 vwo" whole, and a teacher named in full by initials only', async () => {
    const snapshot = sampleSnapshot({
      rooms: [{ code: 'A1.01', name: 'Lokaal A1.01', building: 'A', floor: 1, kind: 'classroom', capacity: 30 }, { code: 'Aula', name: 'Aula', building: 'A', floor: 0, kind: 'aula', capacity: 300 }],
      subjects: [{ code: 'Aardrijkskunde', name: 'Aardrijkskunde' }, { code: 'Schoolexamen Nederlands', name: 'Schoolexamen Nederlands' }],
      groups: [{ code: '4 vwo', name: '4 vwo', kind: 'class', year: 4 }],
      teachers: [{ code: 'BRUINSMA', name: null }, { code: 'Bouke Bruinsma', name: null }],
      lessons: [
        lesson('ak', DAY, 1, 'A1.01', { subjects: ['Aardrijkskunde'], groups: ['4 vwo'], teachers: ['BRUINSMA'] }),
        lesson('se', DAY, 1, 'Aula', { subjects: ['Schoolexamen Nederlands'], groups: ['4 vwo'], teachers: ['Bouke Bruinsma'] }),
      ],
    });
    const { core } = await startCore(tempDir(), { mode: 'kiosk', snapshot });
    const board = await core.dispatch({ role: 'kiosk' }, 'kiosk.nowNext', { at: at(DAY, '08:40') });
    expect(board.ok, JSON.stringify(board)).toBe(true);
    const text = JSON.stringify(board);
    for (const whole of ['"Aardrijkskunde"', '"Schoolexamen Nederlands"', '"4 vwo"', '"BRUINSMA"', '"BB"']) expect(text).toContain(whole);
    expect(text).not.toContain('Bouke');
    const day = await core.dispatch({ role: 'kiosk' }, 'kiosk.roomDay', { room: 'Aula', at: at(DAY, '08:40') });
    expect(JSON.stringify(day)).toContain('"Schoolexamen Nederlands"');
    await core.stop();
  });
});
