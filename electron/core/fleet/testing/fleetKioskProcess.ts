import { shiftedClock } from '../../clock';
import { startCore } from '../../testing/startedCore';

/*
 * One kiosk core in a process of its own, for the fleet test (fleet.integration.test.ts): it shares nothing with
 * the publisher or the other screens but the fleet folder. It syncs from the folder every second and answers the
 * parent's questions with what its kiosk board shows.
 */

const { FLEET_FOLDER, FLEET_SCHOOL, FLEET_KEY, FLEET_DATA, FLEET_NOW } = process.env;
const started = await startCore(FLEET_DATA!, {
  snapshot: null,
  autoSync: true,
  clock: shiftedClock(Number(FLEET_NOW), 1),
  settings: {
    source: { type: 'fleet', folder: FLEET_FOLDER!, school: FLEET_SCHOOL!, publisherKey: FLEET_KEY! },
    sync: { schedule: '* * * * * *', jitterSeconds: 0 },
  },
});

process.on('message', async (message: { type: string; at?: number }) => {
  if (message.type === 'board') {
    const result = await started.core.dispatch({ role: 'kiosk' }, 'kiosk.nowNext', { at: message.at });
    process.send!({ type: 'board', board: result.ok ? result.value : null });
  }
  if (message.type === 'stop') {
    await started.core.stop();
    process.exit(0);
  }
});
process.send!({ type: 'ready' });
