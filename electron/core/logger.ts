import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export type LogLevel = 'info' | 'warn' | 'error';

/** Structured, one JSON line per event. Callers pass facts as fields; the logger keeps secrets out. */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

// A field whose name says it holds a secret is never written, whatever its value.
const SECRET_FIELD = /key|secret|token|password|passwd|pin|totp|cookie|authorization|credential/i;
const MAX_BYTES = 5 * 1024 * 1024;

export function redact(fields: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!fields) return undefined;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (SECRET_FIELD.test(name)) out[name] = '[redacted]';
    else if (value instanceof Error) out[name] = { name: value.name, message: value.message, code: (value as { code?: unknown }).code };
    else if (Buffer.isBuffer(value) || value instanceof Uint8Array) out[name] = `[${value.byteLength} bytes]`;
    else out[name] = value;
  }
  return out;
}

export interface LoggerOptions {
  /** JSON-lines file; rotated to `<file>.1` at 5 MB so a kiosk running for months does not fill its disk. */
  file?: string;
  /** Also write to stderr (development, the web host). */
  stderr?: boolean;
  now?: () => number;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const now = options.now ?? Date.now;
  if (options.file) mkdirSync(dirname(options.file), { recursive: true });
  const write = (level: LogLevel, event: string, fields?: Record<string, unknown>) => {
    const line = JSON.stringify({ t: new Date(now()).toISOString(), level, event, ...redact(fields) }) + '\n';
    if (options.stderr) process.stderr.write(line);
    if (!options.file) return;
    try {
      if ((statSync(options.file, { throwIfNoEntry: false })?.size ?? 0) > MAX_BYTES) renameSync(options.file, `${options.file}.1`);
      appendFileSync(options.file, line, { mode: 0o600 });
    } catch {
      // Logging must never take the app down; a full or read-only disk shows up elsewhere.
    }
  };
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** Keeps what was logged, for tests that assert a log line was written. */
export function memoryLogger(): Logger & { lines: { level: LogLevel; event: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: LogLevel; event: string; fields?: Record<string, unknown> }[] = [];
  const push = (level: LogLevel) => (event: string, fields?: Record<string, unknown>) => lines.push({ level, event, fields: redact(fields) });
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
}
