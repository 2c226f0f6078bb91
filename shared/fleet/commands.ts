/**
 * What an administrator can ask of screens from the Screens page (docs/fleet.md), zod-free so the renderer may
 * import it: identify (the screen shows its name large for 30 s), reload (its page), thumbnail (a new picture).
 */
export const FLEET_COMMANDS = ['identify', 'reload', 'thumbnail'] as const;
export type FleetCommandName = (typeof FLEET_COMMANDS)[number];

/** How long an identified screen shows its name. */
export const IDENTIFY_SECONDS = 30;
