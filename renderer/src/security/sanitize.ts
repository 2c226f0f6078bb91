import DOMPurify, { type Config } from 'dompurify';

/** docs/security-model.md §5: formatting only. No links or images on a public screen, and no attributes at all. */
export const ANNOUNCEMENT_TAGS = ['p', 'br', 'b', 'strong', 'i', 'em', 'ul', 'ol', 'li', 'h2', 'h3'] as const;

export const ANNOUNCEMENT_PURIFY_CONFIG = {
  ALLOWED_TAGS: [...ANNOUNCEMENT_TAGS],
  ALLOWED_ATTR: [],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // The words inside a removed tag (a link's text) stay; script and style bodies are always dropped.
  KEEP_CONTENT: true,
  RETURN_DOM: false,
  RETURN_DOM_FRAGMENT: false,
} satisfies Config;

/**
 * DOMPurify cannot take an `is` attribute away when it returns a string: it empties it instead (`<p is="">`), so that
 * no customised built-in element can be made. Our policy allows no attribute at all, so the empty one goes too. The
 * output is DOMPurify's own serialisation, where a literal `<` only ever starts a tag (text has `&lt;`).
 */
export const EMPTY_IS_ATTRIBUTE = /(<[a-z][a-z0-9]*)\s+is=""/g;

// Announcements take turns on screen all day; the same input always sanitises to the same output, so each text is
// sanitised once per page (by this very function, at render time) rather than at every turn.
const sanitised = new Map<string, string>();
const SANITISED_KEPT = 50;

/**
 * Announcement HTML made safe to put on the page. Called right where it is rendered, even though the core
 * checked it when it was saved: whatever reached the cache is still treated as hostile.
 */
export function sanitizeAnnouncementHtml(html: string): string {
  let safe = sanitised.get(html);
  if (safe === undefined) {
    if (sanitised.size >= SANITISED_KEPT) sanitised.clear();
    sanitised.set(html, (safe = DOMPurify.sanitize(html, ANNOUNCEMENT_PURIFY_CONFIG).replace(EMPTY_IS_ATTRIBUTE, '$1')));
  }
  return safe;
}
