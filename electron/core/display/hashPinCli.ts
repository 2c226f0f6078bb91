import { hashPin } from './pin';

// `npm run hash-pin -- 2468`: prints the hash to put in settings or a provisioning file as display.pinHash.
const pin = process.argv[2] ?? '';
try {
  process.stdout.write(`${hashPin(pin)}\n`);
} catch {
  process.stderr.write('usage: npm run hash-pin -- <PIN of 4 to 12 digits>\n');
  process.exit(2);
}
