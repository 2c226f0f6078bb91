import { describe, expect, it } from 'vitest';
import { mosquittoAcl, mosquittoPasswordHash, mosquittoPasswordLine, PASSWORD_HASH, passwordHashAccepts } from './mosquittoConfig';
import { emqxAcl } from './emqxAcl';
import { fleetTopics } from './topics';

describe("a board's Mosquitto files", () => {
  it('writes a password line as mosquitto_passwd does', () => {
    // mosquitto_passwd 2.0.11 (Debian 12) wrote this line for "geheim"; the same salt gives the same line here.
    expect(mosquittoPasswordLine('scherm-a', 'geheim', Buffer.from('LczCk2X3PskPgPjv', 'base64'))).toBe(
      'scherm-a:$7$101$LczCk2X3PskPgPjv$5MKfoss6V7KMYWHnukiLOQfMO7hObBUtznFGYzOJFFOSj1LSjxGUZVtQnk217N6AaQtyirGRkUJ3Hc0XtChutA==',
    );
    expect(() => mosquittoPasswordLine('a b', 'x')).toThrow(/cannot be a broker user name/);
  });

  it('grants each user its role and nothing more', () => {
    const acl = mosquittoAcl(fleetTopics('gangbord', 'gangbord-college'), [
      { username: 'scherm-aaaaaaaaaa', role: { role: 'screen', screenId: 'scherm-aaaaaaaaaa' } },
      { username: 'receptie', role: { role: 'sender', keyId: '0123456789abcdef' } },
    ]);
    expect(acl).toContain([
      'user scherm-aaaaaaaaaa',
      'topic write gangbord/gangbord-college/screens/scherm-aaaaaaaaaa/status',
      'topic write gangbord/gangbord-college/screens/scherm-aaaaaaaaaa/ack',
      'topic write gangbord/gangbord-college/screens/scherm-aaaaaaaaaa/presence',
      'topic read gangbord/gangbord-college/pub/#',
    ].join('\n'));
    expect(acl).toContain('user receptie\ntopic write gangbord/gangbord-college/pub/alerts/0123456789abcdef\n');
    expect(acl).not.toMatch(/readwrite|topic (read|write) #/);
  });

  it('checks a token against a hash as the embedded broker does, and takes no hash but the exact form from a request', () => {
    const hash = mosquittoPasswordHash('the-token');
    expect(hash).toMatch(PASSWORD_HASH);
    expect(passwordHashAccepts(hash, 'the-token')).toBe(true);
    expect(passwordHashAccepts(hash, 'the-tokeN')).toBe(false);
    // A line with a user name in it (a request trying to name another user), or a round count of its own, is no hash.
    expect(passwordHashAccepts(`publisher-x:${hash}`, 'the-token')).toBe(false);
    expect(PASSWORD_HASH.test(`publisher-x:${hash}`)).toBe(false);
    expect(PASSWORD_HASH.test(hash.replace('$101$', '$9999999$'))).toBe(false);
    expect(PASSWORD_HASH.test(`${hash}\nuser root`)).toBe(false);
  });

  it("writes the same rules as EMQX's file authorization, denying everything else", () => {
    const acl = emqxAcl(fleetTopics('gangbord', 'gangbord-college'), [
      { username: 'scherm-aaaaaaaaaa', role: { role: 'screen', screenId: 'scherm-aaaaaaaaaa' } },
      { username: 'publisher-gangbord-college', role: { role: 'publisher' }, reads: ['gangbord/college-oost/pub/roster'] },
    ]);
    expect(acl.split('\n').filter((l) => l.startsWith('{'))).toEqual([
      '{allow, {user, "scherm-aaaaaaaaaa"}, publish, ["gangbord/gangbord-college/screens/scherm-aaaaaaaaaa/status", '
        + '"gangbord/gangbord-college/screens/scherm-aaaaaaaaaa/ack", "gangbord/gangbord-college/screens/scherm-aaaaaaaaaa/presence"]}.',
      '{allow, {user, "scherm-aaaaaaaaaa"}, subscribe, ["gangbord/gangbord-college/pub/#"]}.',
      '{allow, {user, "publisher-gangbord-college"}, publish, ["gangbord/gangbord-college/#"]}.',
      '{allow, {user, "publisher-gangbord-college"}, subscribe, ["gangbord/gangbord-college/#", "gangbord/college-oost/pub/roster"]}.',
      '{deny, all}.',
    ]);
    expect(() => emqxAcl(fleetTopics('gangbord', 'gangbord-college'), [{ username: 'a"b', role: { role: 'publisher' } }])).toThrow(/cannot go in an EMQX rule/);
  });
});
