/**
 * The kinds of emergency alert (docs/fleet.md), kept free of zod so that the renderer may import them: the pages'
 * CSP allows no eval, which zod's compiled checks use.
 */
export const ALERT_TEMPLATE_NAMES = ['evacuation', 'lockdown', 'stayInRoom', 'allClear', 'custom'] as const;
export type AlertTemplateName = (typeof ALERT_TEMPLATE_NAMES)[number];
