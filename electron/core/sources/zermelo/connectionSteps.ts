import { counted, failedStep, runStep as step } from '../common/connectionStep';
import type { SourceContext, ConnectionStep } from '../source';
import { type ZermeloClient } from './client';
import { cleanCode } from '../common/codes';
import { clientFor, optional, type ZermeloConfig, type ZermeloOptions } from './fetch';
import { APPOINTMENT_FIELDS, GROUP_FIELDS, LOCATION_FIELDS, EMPLOYEE_CODE_FIELDS, PERSON_FIELDS } from './schemas';
import { schoolWeeks } from '../common/schoolWeeks';

async function signedIn(client: ZermeloClient): Promise<string> {
  const me = await optional(client.get('users/~me', {}, { required: ['code'], optional: [] }, 'Signing in to Zermelo'));
  const code = cleanCode(me?.[0] && typeof me[0] === 'object' ? (me[0] as { code?: unknown }).code : null);
  return code ? `Signed in as ${code}.` : 'Zermelo accepted the token (it does not say whose it is).';
}

/**
 * "Test connection" for Zermelo, in the words an administrator needs: signed in, how many rooms, groups and staff
 * the token may see, and how many appointments this week has. Reads only; the kiosk scope asks for no pupils.
 */
export async function zermeloTestSteps(config: ZermeloConfig, options: ZermeloOptions, ctx: SourceContext): Promise<ConnectionStep[]> {
  const steps: ConnectionStep[] = [];
  let client: ZermeloClient;
  try {
    client = clientFor(config, options, ctx);
  } catch (error) {
    return [failedStep('signedIn', error)];
  }
  if (!(await step(steps, 'signedIn', () => signedIn(client)))) return steps;

  const notGranted = 'Not granted to this token: Gangbord takes them from the appointments instead.';
  await step(steps, 'rooms', async () => {
    const rooms = await optional(client.get('locationofbranches', {}, LOCATION_FIELDS, 'Zermelo rooms'));
    return rooms === null ? notGranted : counted(new Set(rooms.map((r) => (r as { name?: unknown }).name)).size, 'room', 'rooms');
  });
  await step(steps, 'groups', async () => {
    const groups = await optional(client.get('groupindepartments', {}, GROUP_FIELDS, 'Zermelo groups'));
    return groups === null ? notGranted : counted(groups.length, 'group', 'groups');
  });
  await step(steps, 'staff', async () => {
    const staff = await optional(client.get('users', { isEmployee: true }, ctx.scope === 'staff' ? PERSON_FIELDS : EMPLOYEE_CODE_FIELDS, 'Zermelo staff'));
    return staff === null ? notGranted : counted(staff.length, 'staff member', 'staff members');
  });
  if (ctx.scope === 'staff') {
    await step(steps, 'pupils', async () => {
      const pupils = await optional(client.get('users', { isStudent: true }, PERSON_FIELDS, 'Zermelo pupils'));
      if (pupils === null) throw new Error('Not granted to this token: staff machines will have no pupils until the school grants users (pupils) to Gangbord.');
      return counted(pupils.length, 'pupil', 'pupils');
    });
  }
  const week = schoolWeeks(ctx.now, ctx.zone, 1)[0]!;
  await step(steps, 'appointments', async () => {
    const data = await client.get('appointments', { start: Math.floor(week.start / 1000), end: Math.floor(week.end / 1000) - 1 }, APPOINTMENT_FIELDS, `Zermelo appointments for ${week.label}`);
    const current = data.filter((a) => {
      const v = a as { valid?: unknown; hidden?: unknown } | null;
      return v !== null && v.valid !== false && v.hidden !== true;
    });
    const denied = client.deniedFields().appointments ?? [];
    const found = counted(current.length, 'appointment', 'appointments');
    return { ...found, detail: `${found.detail}${denied.length > 0 ? ` (the school did not grant these fields: ${denied.join(', ')})` : ''}` };
  }, week.week ?? week.label);
  return steps;
}
