export { createIcalSource, type IcalConfig, type IcalParsed, type IcalSourceOptions } from './icalSource';
