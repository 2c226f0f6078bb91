/**
 * The steps of "Test connection", as codes the staff page words in its own language (zod-free, so the renderer can
 * import it). `subject` carries the one fact a name needs: a week number, a feed's or a file's name.
 */
export const CONNECTION_STEP_CODES = [
  'signedIn', 'lastUpload', 'rooms', 'classes', 'groups', 'teachers', 'staff', 'pupils', 'appointments', 'timetableForWeek',
  'substitutions', 'feed', 'file', 'exportFolder', 'periodTimes', 'timetable', 'fetched', 'checked', 'read', 'reached', 'nextStep',
  'started', 'ran', 'waited',
] as const;
export type ConnectionStepCode = (typeof CONNECTION_STEP_CODES)[number];

/** The English names, for the log and the command line; the pages use their i18n messages (sources.steps). */
export const CONNECTION_STEP_NAMES: Record<ConnectionStepCode, string> = {
  signedIn: 'Signed in', lastUpload: 'Last upload from Untis', rooms: 'Rooms', classes: 'Classes', groups: 'Groups',
  teachers: 'Teachers', staff: 'Staff', pupils: 'Pupils', appointments: 'Appointments for week {subject}',
  timetableForWeek: 'Timetable for week {subject}', substitutions: 'Substitutions', feed: "Feed '{subject}'", file: '{subject}',
  exportFolder: 'Export folder', periodTimes: 'Period times', timetable: 'Timetable', fetched: 'Fetched from the source',
  checked: 'Checked the answer', read: 'Read the timetable', reached: 'Reached the source', nextStep: 'Next step',
  started: 'Started the test', ran: 'Ran the test', waited: 'Waited for the source',
};
