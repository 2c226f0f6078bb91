// `npm run electron:install`: try Electron's download again after `npm start` remembered that it failed.
// Plain Node with no dependencies, like the start script.
import { forgetElectronUnavailable, installElectron, rememberElectronUnavailable } from './lib/electron-env.mjs';

forgetElectronUnavailable();
console.log('Downloading Electron ...');
const installed = installElectron(120_000);
if (installed.path) {
  console.log(`Electron is installed (${installed.path}); npm start now runs the Electron app.`);
} else {
  rememberElectronUnavailable(installed.reason);
  console.log(`Electron could not be downloaded (${installed.reason}); npm start keeps using the web host in Chromium.`);
  process.exit(1);
}
