import { z } from 'zod';
import { ALERT_TEMPLATE_NAMES } from '@shared/fleet/alertTemplates';

/*
 * An emergency alert as a sender writes it (docs/fleet.md): a template or free text, every screen or some display
 * groups, a drill or the real thing. It shows full-screen until an all clear from the same sender or its expiry.
 */

/** The templates, as the contract names them (the staff app's alert form offers them). */
export const ALERT_TEMPLATES = ALERT_TEMPLATE_NAMES;

/** What each template says unless the sender words it: in Dutch, the language of the school's corridors. */
export const TEMPLATE_WORDS: Record<(typeof ALERT_TEMPLATES)[number], { title: string; text: string }> = {
  evacuation: { title: 'Ontruiming', text: 'Verlaat het gebouw via de dichtstbijzijnde nooduitgang. Volg de aanwijzingen van de BHV.' },
  lockdown: { title: 'Lockdown', text: 'Ga naar binnen, sluit de deuren en blijf uit het zicht. Wacht op het sein veilig.' },
  stayInRoom: { title: 'Blijf in je lokaal', text: 'Blijf in het lokaal waar je nu bent tot het sein veilig wordt gegeven.' },
  allClear: { title: 'Alles veilig', text: 'Het sein veilig is gegeven.' },
  custom: { title: '', text: '' },
};

export const AlertMessage = z.object({
  id: z.string().regex(/^[A-Za-z0-9-]{6,64}$/),
  template: z.enum(ALERT_TEMPLATES),
  title: z.string().min(1).max(120),
  text: z.string().max(1000),
  /** An exercise: every screen says so, in words, above the alert. */
  drill: z.boolean(),
  /** Display groups; empty means every screen. */
  audience: z.array(z.string().min(1).max(60)).max(50),
  sentAt: z.number().int().min(0),
  expiresAt: z.number().int().min(0),
}).strict();
export type AlertMessage = z.infer<typeof AlertMessage>;

/** Whether a screen in `displayGroup` is meant: every screen when the audience is empty. */
export const alertIsFor = (alert: AlertMessage, displayGroup: string | null) =>
  alert.audience.length === 0 || (displayGroup !== null && alert.audience.includes(displayGroup));

/** What a screen acknowledges: the alert it shows (or the all clear it applied), and when it showed it. */
export const AlertAck = z.object({
  screen: z.string().min(1).max(63),
  alerts: z.array(z.object({ sender: z.string().regex(/^[0-9a-f]{16}$/), id: z.string().min(1).max(64), shownAt: z.number().int().min(0) }).strict()).max(50),
}).strict();
export type AlertAck = z.infer<typeof AlertAck>;
