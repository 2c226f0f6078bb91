import type { SourceConfig } from '@shared/settings';
import { DEFAULT_WEBUNTIS_PASSWORD, DEFAULT_ZERMELO_TOKEN, type SecretDraft, type SourceDraft } from './sourceDraft';

/*
 * Which name a new credential is stored under. A credential is stored before the source that uses it is saved
 * (a connection test needs it, and the page must not keep it), so it must never overwrite one the running source
 * still uses: a wrong password typed and tested would otherwise break tonight's sync. So a new credential goes to
 * a name the saved source does not use: `webuntis.password` and `webuntis.password-2` take turns.
 */

const SECRET_NAME_MAX = 64;

/** The secret names a configuration refers to. */
export function secretNamesOf(config: SourceConfig | null): string[] {
  switch (config?.type) {
    case 'zermelo':
      return [config.token];
    case 'webuntis':
      return [config.password];
    case 'ical':
      return config.feeds.flatMap((f) => (f.urlSecret === undefined ? [] : [f.urlSecret]));
    default:
      return [];
  }
}

/** `ical.rooster-hoofdgebouw` for the feed "Rooster Hoofdgebouw". */
export function feedSecretRoot(feedName: string): string {
  const slug = feedName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return `ical.${slug || 'feed'}`;
}

/** The first of `root`, `root-2`, `root-3`... that is not taken. `current` may carry a suffix already. */
export function spareSecretName(current: string, taken: ReadonlySet<string>): string {
  const root = current.replace(/-\d+$/, '').slice(0, SECRET_NAME_MAX - 4);
  if (!taken.has(root)) return root;
  for (let n = 2; ; n++) if (!taken.has(`${root}-${n}`)) return `${root}-${n}`;
}

/** A credential field of the draft's current type, and the name it starts from when it has none yet. */
export interface SecretField {
  path: string;
  secret: SecretDraft;
  root: string;
}

export function secretFieldsOf(draft: SourceDraft): SecretField[] {
  switch (draft.type) {
    case 'webuntis':
      return [{ path: 'webuntis.password', secret: draft.webuntis.password, root: DEFAULT_WEBUNTIS_PASSWORD }];
    case 'ical':
      return draft.ical.feeds.filter((f) => f.private).map((f) => ({ path: `ical.feeds.${f.key}.secret`, secret: f.secret, root: feedSecretRoot(f.name) }));
    default:
      return [];
  }
}

/**
 * Names for the credentials typed into the draft: away from the saved source's names and from each other.
 * Fields with nothing typed keep the name they have.
 */
export function namesForTyped(draft: SourceDraft, saved: SourceConfig | null): Map<SecretField, string> {
  const fields = secretFieldsOf(draft);
  const taken = new Set(secretNamesOf(saved));
  for (const f of fields) if (f.secret.value.trim() === '' && f.secret.name !== null) taken.add(f.secret.name);
  const names = new Map<SecretField, string>();
  for (const f of fields) {
    if (f.secret.value.trim() === '') continue;
    const name = spareSecretName(f.secret.name ?? f.root, taken);
    taken.add(name);
    names.set(f, name);
  }
  return names;
}

/** The Zermelo token from a new link goes where the saved source's token is not. */
export function zermeloTokenName(draft: SourceDraft, saved: SourceConfig | null): string {
  return spareSecretName(draft.zermelo.token || DEFAULT_ZERMELO_TOKEN, new Set(secretNamesOf(saved)));
}
