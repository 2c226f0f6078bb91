import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { FLEET_COMMANDS } from '@shared/fleet/commands';
import { bodyJson, openEnvelope, ownHeader, sealEnvelope, type Trust } from './envelope';
import { fleetFile, type FleetStore } from './store/fleetStore';
import { storeFor } from './store/folderStore';
import type { FleetKeyPair } from './keys';

/*
 * Commands to screens (docs/fleet.md): identify (show its name large for 30 s), reload (its page), thumbnail (a new
 * picture of what it shows). The publisher keeps the commands of the last ten minutes in one signed file,
 * pub/commands.env; each screen carries out, once, those addressed to it that it has not seen.
 */

/** A command older than this is history: a screen starting later does not carry it out. */
export const COMMAND_FRESH_MS = 10 * 60_000;

export const FleetCommand = z.object({
  id: z.string().uuid(),
  action: z.enum(FLEET_COMMANDS),
  screens: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{2,62}$/)).min(1).max(2000),
  at: z.number().int().min(0),
}).strict();
export type FleetCommand = z.infer<typeof FleetCommand>;

const CommandList = z.object({ commands: z.array(FleetCommand).max(200) }).strict();

/** Adds a command to pub/commands.env, keeping the fresh ones already there, numbered above the file's last. */
export async function sendCommand(input: { folder: string; store?: FleetStore; school: string; key: FleetKeyPair; now: number }, action: FleetCommand['action'], screens: string[]): Promise<FleetCommand> {
  const store = storeFor(input);
  const current = await store.read(fleetFile.commands);
  const header = current ? ownHeader(current, input.key.publicKey) : null;
  // The fresh commands already there stay, so a screen that looks only now still sees them; an expired file holds none.
  const own: Trust = { school: input.school, keys: new Map([[input.key.keyId, { publicKey: input.key.publicKey, kinds: ['command'] }]]), revoked: new Set() };
  const opened = current ? openEnvelope(current, { trust: own, kind: 'command', now: input.now }) : null;
  const kept = opened?.ok ? CommandList.safeParse(bodyJson(opened.body)) : null;
  const fresh = kept?.success ? kept.data.commands.filter((c) => input.now - c.at < COMMAND_FRESH_MS) : [];
  const command = FleetCommand.parse({ id: randomUUID(), action, screens, at: input.now });
  const list = CommandList.parse({ commands: [...fresh, command].slice(-200) });
  await store.write(fleetFile.commands, sealEnvelope({
    kind: 'command', school: input.school, seq: Math.max((header?.seq ?? 0) + 1, input.now), issuedAt: input.now,
    notAfter: input.now + COMMAND_FRESH_MS, body: Buffer.from(JSON.stringify(list)),
  }, input.key));
  return command;
}

/**
 * A screen's side: opens pub/commands.env with the publisher's key and gives back the commands for `screenId` not
 * seen before and still fresh. An expired file (no command for ten minutes) is no refusal: there is simply nothing.
 */
export function commandsFor(bytes: Buffer, o: { trust: Trust; screenId: string; now: number; lastSeq?: number; seen: Set<string> }):
  { ok: true; seq: number; commands: FleetCommand[] } | { ok: false; refusal: string; detail: string } {
  const opened = openEnvelope(bytes, { trust: o.trust, kind: 'command', now: o.now, lastSeq: o.lastSeq });
  if (!opened.ok) return opened;
  const parsed = CommandList.safeParse(bodyJson(opened.body));
  if (!parsed.success) return { ok: false, refusal: 'malformed', detail: 'not a command list' };
  const mine = parsed.data.commands.filter((c) => c.screens.includes(o.screenId) && !o.seen.has(c.id) && o.now - c.at < COMMAND_FRESH_MS);
  for (const c of parsed.data.commands) o.seen.add(c.id);
  return { ok: true, seq: opened.header.seq, commands: mine };
}
