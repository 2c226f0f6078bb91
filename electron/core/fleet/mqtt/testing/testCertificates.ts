import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** OpenSSL, where it is installed (Debian has it with every TLS library). */
export const OPENSSL = ['/usr/bin/openssl', '/usr/local/bin/openssl'].find((p) => existsSync(p)) ?? null;

export interface TestCertificates {
  dir: string;
  caFile: string;
  certFile: string;
  keyFile: string;
}

/**
 * A certificate authority of its own and a broker certificate it signed for localhost and 127.0.0.1, made by OpenSSL
 * for one test (two days valid): what a board's IT makes for its broker with its own CA.
 */
export function makeTestCertificates(name = 'Gangbord test CA'): TestCertificates {
  if (!OPENSSL) throw new Error('openssl is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'gangbord-tls-'));
  const f = (file: string) => join(dir, file);
  const ssl = (...args: string[]) => execFileSync(OPENSSL, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  ssl('req', '-x509', ...ec, '-keyout', f('ca.key'), '-out', f('ca.crt'), '-days', '2', '-subj', `/CN=${name}`);
  ssl('req', ...ec, '-keyout', f('broker.key'), '-out', f('broker.csr'), '-subj', '/CN=localhost');
  writeFileSync(f('san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  ssl('x509', '-req', '-in', f('broker.csr'), '-CA', f('ca.crt'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('broker.crt'), '-days', '2', '-extfile', f('san.ext'));
  return { dir, caFile: f('ca.crt'), certFile: f('broker.crt'), keyFile: f('broker.key') };
}
