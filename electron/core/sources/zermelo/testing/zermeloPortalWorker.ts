import { parentPort, workerData } from 'node:worker_threads';
import { changeSome, largeZermeloSchool, type LargeSchoolOptions } from './zermeloLargeSchool';
import { startZermeloServer } from './zermeloServer';

/*
 * A large school's Zermelo portal in its own thread, for the benchmark: a real portal is another machine, so its
 * work (indexing, serialising megabytes of JSON) must not be counted as the connector's. The parent asks it to
 * change appointments between syncs and to count the requests it served.
 */

export type PortalRequest =
  | { type: 'change'; id: number; share: number; from: number; to: number }
  | { type: 'requests'; id: number }
  | { type: 'close'; id: number };

const port = parentPort;
if (!port) throw new Error('the portal must run in a worker thread');
const { school, token } = workerData as { school: LargeSchoolOptions; token: string; __entry: string };
const data = largeZermeloSchool(school);
const server = await startZermeloServer(data, { token });
port.postMessage({ type: 'ready', baseUrl: server.baseUrl, rooms: data.locations.length, versions: data.appointments.length });
port.on('message', (m: PortalRequest) => {
  if (m.type === 'change') port.postMessage({ id: m.id, changed: changeSome(data, m.share, { from: m.from, to: m.to }).length, versions: data.appointments.length });
  if (m.type === 'requests') port.postMessage({ id: m.id, requests: server.requests.length });
  if (m.type === 'close') void server.close().then(() => port.postMessage({ id: m.id }));
});
