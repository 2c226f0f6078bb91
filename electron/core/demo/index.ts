/** The built-in demo school (docs/architecture.md): the source with nothing configured, and data for tests and benches. */
export { generateDemoSchool, demoSchoolSteps, DEMO_SCHOOL_NAME, DEFAULT_DEMO_SEED, type DemoSchoolOptions, type DemoProgress } from './demoSchool';
export { generateDemoPortrait, demoPortraits, PORTRAIT_WIDTH, PORTRAIT_HEIGHT } from './portrait';
export { KNOWN_PUPIL } from './pupils';
export type { DemoSize } from './schoolSizes';
