import { describe, expect, it } from 'vitest';
import { decodeFeed } from './feedHttp';
import { parseCalendar } from './parseCalendar';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Folds a line after `at` bytes, as an exporter counting octets would, even inside a character. */
function foldAtByte(line: string, at: number, lineEnd = '\r\n'): Uint8Array {
  const bytes = utf8(line);
  return new Uint8Array([...bytes.subarray(0, at), ...utf8(`${lineEnd} `), ...bytes.subarray(at)]);
}

describe('unfolding before decoding', () => {
  it('restores a character an exporter split over two lines', () => {
    const summary = 'SUMMARY:Schoolexamen Nederlands – mondeling Ö';
    const bytes = utf8(summary);
    // The fold between the two bytes of "Ö" (0xC3 0x96), the last character.
    const folded = foldAtByte(summary, bytes.length - 1);
    expect(decodeFeed(folded, 'text/calendar; charset=utf-8')).toBe(summary);
    expect(decodeFeed(folded, null)).toBe(summary);
    // And inside the three bytes of the en dash, with a bare LF as some exporters write.
    const dash = bytes.indexOf(0xe2);
    expect(decodeFeed(foldAtByte(summary, dash + 1, '\n'), null)).toBe(summary);
  });

  it('keeps the other habits working: LF line ends, tabs as fold, folded parameters', () => {
    const feed = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:1', 'DTSTAMP:20261124T080000Z',
      'DTSTART;TZID=Europe/Amsterdam:20261124T083000', 'DTEND;TZID=Europe/Ams', '\tterdam:20261124T092000',
      'SUMMARY:Aardrijks', ' kunde', 'LOCATION:A0.01', 'END:VEVENT', 'END:VCALENDAR', '',
    ].join('\n');
    const text = decodeFeed(utf8(feed), 'text/calendar');
    expect(text).toContain('DTEND;TZID=Europe/Amsterdam:20261124T092000');
    expect(text).toContain('SUMMARY:Aardrijkskunde');
    expect(() => parseCalendar('test', text)).not.toThrow();
  });

  it('leaves UTF-16 to be unfolded as text', () => {
    const text = 'SUMMARY:Wiskunde';
    const bytes = new Uint8Array(Buffer.from(text, 'utf16le'));
    expect(decodeFeed(bytes, 'text/calendar; charset=utf-16le')).toBe(text);
  });
});
