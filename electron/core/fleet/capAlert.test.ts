import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { alertFromCap, CapError, fetchCap } from './capAlert';

// CAP 1.2 messages as the OASIS standard shapes them (made here, in the form of its own examples).
const NOW = Date.parse('2026-11-24T09:00:00+01:00');

function cap(o: { status?: string; msgType?: string; infos?: string; extra?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>VRU-2026-0042</identifier>
  <sender>meldkamer@vru.nl</sender>
  <sent>2026-11-24T08:58:00+01:00</sent>
  <status>${o.status ?? 'Actual'}</status>
  <msgType>${o.msgType ?? 'Alert'}</msgType>
  <scope>Public</scope>${o.extra ?? ''}
  ${o.infos ?? `<info>
    <language>en-US</language>
    <category>Fire</category>
    <event>Fire</event>
    <urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty>
    <expires>2026-11-24T10:30:00+01:00</expires>
    <headline>Large fire nearby</headline>
    <description>Smoke is drifting towards the school.</description>
  </info>
  <info>
    <language>nl-NL</language>
    <category>Fire</category>
    <event>Brand</event>
    <urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty>
    <expires>2026-11-24T10:30:00+01:00</expires>
    <headline>Grote brand in de buurt</headline>
    <description>Er drijft rook richting de school.</description>
    <instruction>Sluit ramen en deuren en blijf binnen.</instruction>
  </info>`}
</alert>`;
}

describe('a CAP 1.2 alert', () => {
  it('becomes a fleet alert in Dutch, with its instruction and until its expiry', () => {
    expect(alertFromCap(cap(), NOW)).toEqual({
      identifier: 'VRU-2026-0042', sender: 'meldkamer@vru.nl', template: 'custom', title: 'Grote brand in de buurt',
      text: 'Er drijft rook richting de school.\n\nSluit ramen en deuren en blijf binnen.', drill: false, groups: [], minutes: 90,
    });
  });

  it('is a drill when it is an exercise or a test, and an all clear when it is cancelled', () => {
    expect(alertFromCap(cap({ status: 'Exercise' }), NOW).drill).toBe(true);
    expect(alertFromCap(cap({ status: 'Test' }), NOW).drill).toBe(true);
    expect(alertFromCap(cap({ msgType: 'Cancel' }), NOW)).toMatchObject({ template: 'allClear', title: 'Grote brand in de buurt', drill: false });
    expect(alertFromCap(cap({ msgType: 'Update' }), NOW).template).toBe('custom');
  });

  it('is refused, with the reason, when a screen would show it wrongly or it is no CAP alert at all', () => {
    const refused = (xml: string, reason: RegExp, now = NOW) => expect(() => alertFromCap(xml, now)).toThrow(reason);
    refused(cap({ status: 'System' }), /status System is not meant to be shown/);
    refused(cap({ status: 'Draft' }), /status Draft/);
    refused(cap({ msgType: 'Ack' }), /Ack is not shown/);
    refused(cap(), /expired at 2026-11-24T10:30:00\+01:00/, Date.parse('2026-11-24T11:00:00+01:00'));
    refused(cap({ infos: '' }), /no <info> block/);
    refused(cap({ infos: '<info><language>nl-NL</language><expires>morgen</expires><headline>X</headline></info>' }), /not a CAP date/);
    refused('<rss version="2.0"><channel><title>Nieuws</title></channel></rss>', /not a CAP 1.2 alert/);
    refused('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.1"><status>Actual</status></alert>', /not a CAP 1.2 alert/);
    refused('<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x "y">]><alert/>', /no DOCTYPE/);
    refused('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><status>Actual</', /not readable XML/);
    refused(`${cap()}${' '.repeat(300 * 1024)}`, /at most 256 KB/);
    expect(() => alertFromCap('', NOW)).toThrow(CapError);
  });

  it('is fetched from an address over https, or http on this machine', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/cap/vru-0042.xml') return void res.writeHead(200, { 'content-type': 'application/xml' }).end(cap({ status: 'Exercise' }));
      res.writeHead(404).end();
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect(await fetchCap(`${base}/cap/vru-0042.xml`, NOW)).toMatchObject({ title: 'Grote brand in de buurt', drill: true });
      await expect(fetchCap(`${base}/cap/missing.xml`, NOW)).rejects.toThrow(/404|not found/i);
      await expect(fetchCap('http://example.org/cap.xml', NOW)).rejects.toThrow(/must use https/);
      await expect(fetchCap('not an address', NOW)).rejects.toThrow(/not a web address/);
    } finally {
      server.close();
    }
  });
});
