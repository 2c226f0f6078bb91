/**
 * What the desktop app may hand to the system browser: the school's sign-in provider only, over https (or a provider
 * on this machine, as in a test). Anything else (file:, javascript:, a custom scheme that starts a program) is refused:
 * shell.openExternal runs whatever the operating system associates with a scheme.
 */
export function browserAddress(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const loopback = parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !loopback) return null;
  if (parsed.username || parsed.password) return null;
  return parsed.toString();
}
