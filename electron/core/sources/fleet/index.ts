export { createFleetSource, type FleetConfig } from './fleetSource';
