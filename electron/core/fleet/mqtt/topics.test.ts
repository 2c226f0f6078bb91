import { describe, expect, it } from 'vitest';
import { fleetTopics, mayPublish, maySubscribe, topicMatches } from './topics';

const t = fleetTopics('gangbord', 'gangbord-college');
const screen = { role: 'screen' as const, screenId: 'scherm-aaaaaaaaaa' };
const sender = { role: 'sender' as const, keyId: '0123456789abcdef' };

describe('fleet topics and who may use them', () => {
  it('names every topic under the prefix and the school, and refuses ids that would widen a topic', () => {
    expect(t.statusOf('scherm-aaaaaaaaaa')).toBe('gangbord/gangbord-college/screens/scherm-aaaaaaaaaa/status');
    expect(t.alertOf('0123456789abcdef')).toBe('gangbord/gangbord-college/pub/alerts/0123456789abcdef');
    expect(() => t.statusOf('+')).toThrow(/not a screen id/);
    expect(() => t.ackOf('a/#')).toThrow(/not a screen id/);
    expect(() => fleetTopics('gangbord', 'school/#')).toThrow(/not a school id/);
  });

  it('lets a screen write only its own status and acknowledgements, and read only its school\'s published topics', () => {
    expect(mayPublish(t, screen, t.statusOf('scherm-aaaaaaaaaa'))).toBe(true);
    expect(mayPublish(t, screen, t.ackOf('scherm-aaaaaaaaaa'))).toBe(true);
    expect(mayPublish(t, screen, t.statusOf('scherm-bbbbbbbbbb'))).toBe(false);
    expect(mayPublish(t, screen, t.alertOf('0123456789abcdef'))).toBe(false);
    expect(mayPublish(t, screen, t.bundle)).toBe(false);
    expect(maySubscribe(t, screen, 'gangbord/gangbord-college/pub/#')).toBe(true);
    expect(maySubscribe(t, screen, 'gangbord/gangbord-college/pub/alerts/+')).toBe(true);
    expect(maySubscribe(t, screen, 'gangbord/gangbord-college/#')).toBe(false);
    expect(maySubscribe(t, screen, 'gangbord/+/pub/#')).toBe(false);
    expect(maySubscribe(t, screen, '#')).toBe(false);
  });

  it('lets a sender write its own alert only, and read the acknowledgements', () => {
    expect(mayPublish(t, sender, t.alertOf('0123456789abcdef'))).toBe(true);
    expect(mayPublish(t, sender, t.alertOf('fedcba9876543210'))).toBe(false);
    expect(maySubscribe(t, sender, 'gangbord/gangbord-college/screens/+/ack')).toBe(true);
    expect(maySubscribe(t, sender, 'gangbord/gangbord-college/screens/+/status')).toBe(false);
    expect(mayPublish(t, { role: 'publisher' }, 'gangbord/other-school/pub/bundle')).toBe(false);
  });

  it('matches filters as MQTT does', () => {
    expect(topicMatches('a/+/c', 'a/b/c')).toBe(true);
    expect(topicMatches('a/#', 'a/b/c')).toBe(true);
    expect(topicMatches('a/+', 'a/b/c')).toBe(false);
    expect(topicMatches('a/b', 'a/b/c')).toBe(false);
  });
});
