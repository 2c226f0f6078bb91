import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UPSTREAM_FIXTURES } from '../../testing/upstreamFixtures';

/**
 * The real upstream samples, read in place from ../shared/fixtures/upstream (relative to the repository; see
 * docs/upstream-formats.md §5 for provenance and licences). They are never copied into the project.
 */
export const UPSTREAM_SAMPLES = UPSTREAM_FIXTURES;

/** A sample file's text exactly as stored (BOM included). */
export const sampleText = (path: string) => readFileSync(join(UPSTREAM_SAMPLES, path), 'utf8');

/**
 * A Python literal (single-quoted strings, True/False/None) as JSON, as python-webuntis's old timegrid mock is
 * written. Strings are re-quoted one by one, so a quote inside a string survives.
 */
export function pythonLiteralToJson(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      let value = '';
      for (i++; i < text.length && text[i] !== c; i++) {
        if (text[i] === '\\' && i + 1 < text.length) value += text[++i];
        else value += text[i];
      }
      out += JSON.stringify(value);
    } else if (/[A-Za-z]/.test(c)) {
      const word = /^[A-Za-z]+/.exec(text.slice(i))![0];
      out += ({ True: 'true', False: 'false', None: 'null' } as Record<string, string>)[word] ?? word;
      i += word.length - 1;
    } else {
      out += c;
    }
  }
  return out;
}

/** A WebUntis sample's `result`: JSON, or the Python-literal timegrid converted. */
export function webUntisSample(name: string): unknown {
  const text = sampleText(join('webuntis', `python-webuntis_${name}_mock.json`));
  return JSON.parse(name === 'gettimegrid' ? pythonLiteralToJson(text) : text) as unknown;
}
