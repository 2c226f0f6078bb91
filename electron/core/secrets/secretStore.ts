/**
 * Upstream credentials (tokens, passwords, tokenised feed addresses). Electron keeps them encrypted with
 * safeStorage (electron/main/secretStore.ts); the web host encrypts them with a key derived from its cache key
 * (fileSecretStore.ts). Settings hold only a secret's name. Values never go to logs or plain files.
 */
export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  /** Names only, for an admin screen that shows which credentials are set. */
  names(): Promise<string[]>;
}

export function memorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const values = new Map(Object.entries(initial));
  return {
    get: async (name) => values.get(name) ?? null,
    set: async (name, value) => void values.set(name, value),
    delete: async (name) => void values.delete(name),
    names: async () => [...values.keys()].sort(),
  };
}
