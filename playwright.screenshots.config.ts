import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `npm run screenshots`: the README's and the administrator's guide's pictures, from the demo school, into
// docs/screenshots/ (tests/screenshots/readmePictures.spec.ts). Not part of `npm test`: the pictures are committed.
export default defineConfig({
  ...base,
  testDir: 'tests/screenshots',
  fullyParallel: false,
  workers: 1,
  projects: base.projects!.filter((p) => p.name === 'chromium').map((p) => ({ ...p, testIgnore: undefined })),
});
