import { describe, expect, it } from 'vitest';
import { ANNOUNCEMENT_PURIFY_CONFIG, ANNOUNCEMENT_TAGS } from './sanitize';

// What the sanitiser does with XSS vectors is tested in Chromium (tests/e2e/sanitize.spec.ts): happy-dom's HTML
// parser differs from a browser's enough that DOMPurify's output here says nothing about a real page (it even
// kept a <script> in a trial run). Here: the policy itself, so a loosening is a failing test.
describe('announcement sanitiser policy', () => {
  it('allows exactly the formatting tags of docs/security-model.md §5', () => {
    expect([...ANNOUNCEMENT_TAGS].sort()).toEqual(['b', 'br', 'em', 'h2', 'h3', 'i', 'li', 'ol', 'p', 'strong', 'ul']);
    expect(ANNOUNCEMENT_PURIFY_CONFIG.ALLOWED_TAGS).toEqual([...ANNOUNCEMENT_TAGS]);
  });

  it('allows no attributes at all: no links, images, styles or handlers', () => {
    expect(ANNOUNCEMENT_PURIFY_CONFIG.ALLOWED_ATTR).toEqual([]);
    expect(ANNOUNCEMENT_PURIFY_CONFIG.ALLOW_DATA_ATTR).toBe(false);
    expect(ANNOUNCEMENT_PURIFY_CONFIG.ALLOW_ARIA_ATTR).toBe(false);
    expect(ANNOUNCEMENT_PURIFY_CONFIG).not.toHaveProperty('ADD_TAGS');
    expect(ANNOUNCEMENT_PURIFY_CONFIG).not.toHaveProperty('ADD_ATTR');
  });
});
