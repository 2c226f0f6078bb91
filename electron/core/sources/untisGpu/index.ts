export { createUntisGpuSource, type UntisGpuConfig, type UntisGpuSourceOptions } from './gpuSource';
