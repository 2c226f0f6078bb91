import { DOMParser, type Element } from '@xmldom/xmldom';
import { expectOk, httpRequest } from '../sources/common/http';
import type { AlertRequest } from './fleetAdmin';

/*
 * CAP 1.2 (OASIS Common Alerting Protocol) into a fleet alert (docs/fleet.md): a municipality's, a safety region's or
 * the school's own alerting system can hand Gangbord an alert file, or its address, and every screen shows it as
 * Gangbord's own alerts show. What a screen can show of CAP: the headline (or the event), the description and the
 * instruction, whether it is real (status Actual) or an exercise or test (shown as a drill), and until when
 * (`expires`). A Cancel is an all clear. Anything Gangbord would show wrongly is refused with the reason.
 */

const CAP_12 = 'urn:oasis:names:tc:emergency:cap:1.2';
/** A CAP message is a few KB; resources (maps, audio) come by reference. */
const MAX_BYTES = 256 * 1024;

export class CapError extends Error {}

export interface CapAlert extends AlertRequest {
  /** The CAP identifier and sender, for the audit log. */
  identifier: string;
  sender: string;
}

const child = (parent: Element, name: string): Element | null => {
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).localName === name && (node as Element).namespaceURI === CAP_12) return node as Element;
  }
  return null;
};
const text = (parent: Element, name: string): string => child(parent, name)?.textContent?.trim() ?? '';
const children = (parent: Element, name: string): Element[] => {
  const out: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).localName === name && (node as Element).namespaceURI === CAP_12) out.push(node as Element);
  }
  return out;
};

/** The <info> block to show: the first in Dutch, else the first in English, else the first. */
function chooseInfo(infos: Element[]): Element | null {
  const language = (info: Element) => (text(info, 'language') || 'en-US').toLowerCase();
  return infos.find((i) => language(i).startsWith('nl')) ?? infos.find((i) => language(i).startsWith('en')) ?? infos[0] ?? null;
}

/** A CAP 1.2 alert as a fleet alert request; CapError, with a sentence to act on, for anything else. */
export function alertFromCap(xml: string, now: number): CapAlert {
  if (Buffer.byteLength(xml) > MAX_BYTES) throw new CapError(`a CAP alert is at most ${MAX_BYTES / 1024} KB; this one is larger`);
  // No document type: it could declare entities, and CAP needs none.
  if (/<!DOCTYPE/i.test(xml)) throw new CapError('a CAP alert has no DOCTYPE; this file declares one');
  let root: Element | null;
  try {
    const parsed = new DOMParser({ onError: (level, message) => {
      if (level !== 'warning') throw new CapError(message);
    } }).parseFromString(xml, 'text/xml');
    root = parsed.documentElement;
  } catch (error) {
    throw new CapError(`not readable XML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!root || root.localName !== 'alert' || root.namespaceURI !== CAP_12) throw new CapError(`not a CAP 1.2 alert (its root must be <alert xmlns="${CAP_12}">)`);

  const status = text(root, 'status');
  const msgType = text(root, 'msgType');
  if (status === 'System' || status === 'Draft') throw new CapError(`status ${status} is not meant to be shown to people`);
  if (!['Actual', 'Exercise', 'Test'].includes(status)) throw new CapError(`unknown status "${status.slice(0, 20)}" (Actual, Exercise or Test)`);
  if (!['Alert', 'Update', 'Cancel'].includes(msgType)) throw new CapError(`a ${msgType.slice(0, 20) || 'message without msgType'} is not shown (Alert, Update or Cancel are)`);
  const identifier = text(root, 'identifier');
  const sender = text(root, 'sender');
  if (!identifier || !sender) throw new CapError('a CAP alert needs its identifier and sender');

  const info = chooseInfo(children(root, 'info'));
  const drill = status !== 'Actual';
  if (msgType === 'Cancel') {
    // An all clear from the same machine replaces whatever it sent before.
    return { identifier, sender, template: 'allClear', title: info ? text(info, 'headline') || null : null, text: info ? text(info, 'description') : '', drill, groups: [], minutes: 60 };
  }
  if (!info) throw new CapError('the alert has no <info> block: nothing to show');
  const title = (text(info, 'headline') || text(info, 'event')).slice(0, 120);
  if (!title) throw new CapError('the alert has neither a headline nor an event to show');
  const body = [text(info, 'description'), text(info, 'instruction')].filter((t) => t !== '').join('\n\n').slice(0, 1000);
  let minutes = 60;
  const expires = text(info, 'expires');
  if (expires) {
    const at = Date.parse(expires);
    if (Number.isNaN(at) || !/(Z|[+-]\d{2}:\d{2})$/.test(expires)) throw new CapError(`expires "${expires.slice(0, 40)}" is not a CAP date and time with its offset`);
    if (at <= now) throw new CapError(`the alert expired at ${expires}`);
    minutes = Math.min(24 * 60, Math.max(1, Math.ceil((at - now) / 60_000)));
  }
  return { identifier, sender, template: 'custom', title, text: body, drill, groups: [], minutes };
}

/** A CAP alert from an address (a safety region's feed item): HTTPS, or http on this machine only. */
export async function fetchCap(address: string, now: number): Promise<CapAlert> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new CapError('that is not a web address');
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new CapError('a CAP address must use https');
  const res = expectOk(await httpRequest({ url, what: 'CAP alert', timeoutMs: 15_000, maxBytes: MAX_BYTES }), 'CAP alert');
  return alertFromCap(res.body, now);
}
