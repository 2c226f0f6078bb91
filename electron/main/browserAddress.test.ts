import { describe, expect, it } from 'vitest';
import { browserAddress } from './browserAddress';

describe('what the desktop app hands to the system browser', () => {
  it("takes the provider's https address and a provider on this machine", () => {
    expect(browserAddress('https://login.microsoftonline.com/t/oauth2/v2.0/authorize?client_id=x')).toBe('https://login.microsoftonline.com/t/oauth2/v2.0/authorize?client_id=x');
    expect(browserAddress('http://127.0.0.1:5555/auth?x=1')).toBe('http://127.0.0.1:5555/auth?x=1');
  });

  it('refuses any other scheme, plain http elsewhere, credentials in the address, and what is not an address', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'ms-msdt:/id PCWDiagnostic', 'http://login.example.com/auth', 'https://user:pw@login.example.com/', 'not a url']) {
      expect(browserAddress(url), url).toBeNull();
    }
  });
});
