/** The demo school as a source: the adapter from electron/core/demo to the Source port. */
export { createDemoSource, type DemoSourceConfig } from './demoSource';
