// Types for electron-env.mjs, so TypeScript callers (the Electron e2e tests) can use it.
export declare const root: string;
export declare function electronVersion(packageDir?: string): string | null;
export declare function electronInstall(packageDir?: string, env?: NodeJS.ProcessEnv): { path: string | null; reason: string | null };
export declare function shortReason(output: string): string;
export declare function installElectron(timeoutMs?: number): { path: string | null; reason: string | null };
export declare function electronBinary(packageDir?: string, env?: NodeJS.ProcessEnv): string | null;
export declare function electronNativeBinding(version?: string | null): string;
export declare function nodeNativeBinding(): string;
