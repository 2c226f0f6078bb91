import { randomBytes } from 'node:crypto';
import type { SecretStore } from '../secrets/secretStore';
import type { AuditAnchor, AuditKeyring } from './auditLog';

/** Names in the secret store; no source's secret has this prefix, and the source screen does not list them. */
export const AUDIT_SECRET_PREFIX = 'audit.';
const KEY = 'audit.key';
const ANCHOR = 'audit.anchor';

/**
 * The audit chain's key and anchor, kept in the machine's secret store: Electron's OS keystore (safeStorage) or, on
 * the web host, the sealed secrets file. Neither is in the records database, so its key alone cannot forge a row
 * that fits, nor hide a cut-off tail. The key is made once, on the first start that needs it.
 */
export async function openAuditKeyring(secrets: SecretStore): Promise<AuditKeyring> {
  let stored = await secrets.get(KEY);
  if (stored === null) {
    stored = randomBytes(32).toString('base64');
    await secrets.set(KEY, stored);
  }
  return {
    key: Buffer.from(stored, 'base64'),
    async readAnchor(): Promise<AuditAnchor | null> {
      const raw = await secrets.get(ANCHOR);
      if (raw === null) return null;
      const parsed = JSON.parse(raw) as Partial<AuditAnchor>;
      return typeof parsed.id === 'number' && typeof parsed.hash === 'string' ? { id: parsed.id, hash: parsed.hash } : null;
    },
    writeAnchor: (anchor) => secrets.set(ANCHOR, JSON.stringify(anchor)),
  };
}
