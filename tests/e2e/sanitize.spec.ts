import { createRequire } from 'node:module';
import { type Page } from '@playwright/test';
import fc from 'fast-check';
import { ANNOUNCEMENT_PURIFY_CONFIG, ANNOUNCEMENT_TAGS, EMPTY_IS_ATTRIBUTE } from '../../renderer/src/security/sanitize';
import { expect, test } from './support/kiosk';

// The announcement sanitiser's policy, run by DOMPurify in a real Chromium: happy-dom's parser is not faithful
// enough to judge a sanitiser (renderer/src/security/sanitize.test.ts checks the policy itself).
const purifyScript = createRequire(import.meta.url).resolve('dompurify/dist/purify.js');

const vectors: [string, string][] = [
  ['<p>Hallo</p><script>window.__xss = 1</script>', '<p>Hallo</p>'],
  ['<img src=x onerror="window.__xss = 1">Foto', 'Foto'],
  ['<a href="javascript:window.__xss = 1">klik</a>', 'klik'],
  ['<svg onload="window.__xss = 1"><circle r="5"/></svg>tekst', 'tekst'],
  ['<style>body{display:none}</style><p>zichtbaar</p>', '<p>zichtbaar</p>'],
  ['<p style="color:red" onclick="window.__xss = 1" class="x">rood</p>', '<p>rood</p>'],
  ['<iframe srcdoc="<script>parent.__xss = 1</script>"></iframe><p>ok</p>', '<p>ok</p>'],
  // Foreign content (MathML, SVG) is dropped whole: its parsing rules are where mutation XSS hides.
  ['<math><mi xlink:href="javascript:window.__xss = 1">x</mi></math>', ''],
  ['<form action="/x"><input name="a" autofocus onfocus="window.__xss = 1"><button>Go</button></form>', 'Go'],
  ['<p>a</p><object data="x.swf"></object><embed src="x">', '<p>a</p>'],
  ['<details open ontoggle="window.__xss = 1"><summary>s</summary></details>', 's'],
  ['<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">', '<p></p>'],
  // DOMPurify empties an `is` it cannot remove; the policy allows no attribute, so it goes entirely.
  ['<p is="x-evil">a</p><b is="">b</b>', '<p>a</p><b>b</b>'],
  ['<p>&lt;p is=""&gt; stays text</p>', '<p>&lt;p is=""&gt; stays text</p>'],
];

const allowedTags = ANNOUNCEMENT_TAGS.map((tag) => tag.toUpperCase());

test.beforeEach(async ({ page }) => {
  await page.goto('about:blank');
  await page.addScriptTag({ path: purifyScript });
});

/** Sanitises each input in the page, puts the result into the document, and reports what is left. */
async function sanitiseInPage(page: Page, inputs: string[]) {
  return page.evaluate(async ({ inputs, config, isPattern }) => {
    const purify = (window as unknown as { DOMPurify: { sanitize(html: string, cfg: unknown): string } }).DOMPurify;
    const results = inputs.map((input) => {
      // As sanitizeAnnouncementHtml does it.
      const html = purify.sanitize(input, config).replace(new RegExp(isPattern, 'g'), '$1');
      const host = document.createElement('div');
      host.innerHTML = html;
      document.body.append(host);
      const elements = [...host.querySelectorAll('*')].map((el) => ({ tag: el.tagName, attributes: el.attributes.length }));
      return { html, elements };
    });
    await new Promise((resolve) => setTimeout(resolve, 200)); // give any handler a chance to fire
    return { results, xss: (window as unknown as { __xss?: number }).__xss ?? 0 };
  }, { inputs, config: ANNOUNCEMENT_PURIFY_CONFIG, isPattern: EMPTY_IS_ATTRIBUTE.source });
}

test('XSS vectors lose everything that could run or load; the words stay', async ({ page }) => {
  const { results, xss } = await sanitiseInPage(page, vectors.map(([input]) => input));
  expect(results.map((r) => r.html)).toEqual(vectors.map(([, expected]) => expected));
  expect(xss).toBe(0);
});

test('the formatting an announcement may use is kept as it is', async ({ page }) => {
  const html = '<h2>Rooster</h2><h3>Dinsdag</h3><p><b>Let op</b>: <strong>de</strong> <i>aula</i> is <em>dicht</em>.<br>Groet</p><ul><li>een</li></ul><ol><li>twee</li></ol>';
  const { results } = await sanitiseInPage(page, [html]);
  expect(results[0]!.html).toBe(html);
});

test('whatever the HTML, only allowed tags without attributes remain and nothing runs', async ({ page }) => {
  const tag = fc.constantFrom('p', 'b', 'script', 'img', 'a', 'svg', 'style', 'iframe', 'li', 'h2', 'div', 'object', 'math', 'template');
  const attr = fc.constantFrom('', ' onerror="window.__xss=1"', ' href="javascript:window.__xss=1"', ' src="x"', ' style="x"', ' onload=window.__xss=1', ' class="c"', ' is="x-y"');
  const fragment = fc.tuple(tag, attr, fc.string({ maxLength: 12 })).map(([t, a, text]) => `<${t}${a}>${text}</${t}>`);
  const inputs = fc.sample(fc.array(fragment, { maxLength: 8 }).map((parts) => parts.join('')), { numRuns: 300, seed: 20261124 });
  const { results, xss } = await sanitiseInPage(page, inputs);
  for (const { elements } of results) {
    for (const element of elements) {
      expect(allowedTags).toContain(element.tag);
      expect(element.attributes).toBe(0);
    }
  }
  expect(xss).toBe(0);
});
