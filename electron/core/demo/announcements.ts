import type { Announcement, Holiday, LocalDate } from '@shared/domain';
import { addDays, instantAt, weekdayOf } from '@shared/timetable/zonedTime';

const WEEKDAYS = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** "zaterdag 17 oktober", as a Dutch notice would write it (no Intl: the demo must not depend on ICU data). */
export function dutchDate(date: LocalDate): string {
  return `${WEEKDAYS[weekdayOf(date) - 1]} ${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]}`;
}

/**
 * Notices for the demo's screens, around the week that holds `now`: a welcome, how changes are shown, one for
 * the aula screens only, and the next holiday. Plain, impersonal text: kiosks show these.
 */
export function demoAnnouncements(monday: LocalDate, lastDay: LocalDate, zone: string, holidays: readonly Holiday[], schoolName: string): Announcement[] {
  const at = (date: LocalDate, time: string) => instantAt(date, time, zone);
  const friday = addDays(monday, 4);
  const announcements: Announcement[] = [
    {
      id: `demo:welkom:${monday}`,
      title: `Welkom op ${schoolName}`,
      body: '<p>Op dit scherm zie je per lokaal wat er <strong>nu</strong> en <strong>straks</strong> is, met alle roosterwijzigingen.</p>',
      start: at(monday, '07:00'), end: at(lastDay, '18:00'), audience: [], priority: 10, emergency: false,
    },
    {
      id: `demo:wijzigingen:${monday}`,
      title: 'Roosterwijzigingen',
      body: '<p>Een lokaal met een wijziging heeft een gekleurde rand:</p><ul><li><em>Vervalt</em>: de les is doorgestreept.</li><li><em>Verplaatst</em> of <em>Ander lokaal</em>: met het nieuwe en het oude lokaal erbij.</li><li><em>Invaller</em>: een andere docent neemt de les.</li></ul><p>Twijfel je? Vraag het bij de <strong>receptie</strong>.</p>',
      start: at(monday, '07:00'), end: at(friday, '17:00'), audience: [], priority: 20, emergency: false,
    },
    {
      id: `demo:pauzeconcert:${monday}`,
      title: 'Pauzeconcert in de aula',
      body: '<p>Woensdag in de grote pauze speelt de schoolband in de aula. Iedereen is welkom!</p>',
      start: at(monday, '07:00'), end: at(addDays(monday, 2), '12:35'), audience: ['aula'], priority: 30, emergency: false,
    },
  ];
  const next = holidays.find((h) => h.from > monday && h.to >= h.from);
  if (next) {
    const end = Math.min(at(next.from, '00:00'), at(lastDay, '18:00'));
    if (end > at(monday, '07:00')) {
      const span = next.from === next.to ? `op ${dutchDate(next.from)}` : `van ${dutchDate(next.from)} tot en met ${dutchDate(next.to)}`;
      announcements.push({
        id: `demo:vakantie:${next.from}`,
        title: next.name,
        body: `<p>${next.name}: ${span}. Er zijn dan geen lessen.</p>`,
        start: at(monday, '07:00'), end, audience: [], priority: 15, emergency: false,
      });
    }
  }
  return announcements;
}
